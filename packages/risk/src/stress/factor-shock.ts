/**
 * Factor shocks as a conditional distribution. Shocked factors Y_S are fixed at their values y_S;
 * with propagation the others follow Y_O | Y_S = y_S ~ N(C_OS C_SS^+ y_S, C_OO - C_OS C_SS^+ C_SO)
 * (C_SS^+ the pseudo-inverse, from the eigen decomposition, so duplicated sectors are fine); without
 * it they keep their own joint distribution. A borrower in sector s with factor mean m and variance v
 * then has the stressed (unconditional) PD  N((G(PD) - w m) / sqrt(1 - w^2 (1 - v))),  w = sqrt(R).
 */
import { symmetricEigen } from '../math/symmetric-eigen.ts';

export interface ConditionalFactors {
  mean: Float64Array;
  /** Row-major sectors x sectors. */
  covariance: Float64Array;
}

export function conditionalFactors(
  correlation: Float64Array,
  sectors: string[],
  shocks: Record<string, number>,
  propagate: boolean,
): ConditionalFactors {
  const n = sectors.length;
  const shocked = sectors.map((sector, i) => (sector in shocks ? i : -1)).filter((i) => i >= 0);
  const free = sectors.map((_, i) => i).filter((i) => !shocked.includes(i));
  const mean = new Float64Array(n);
  const covariance = new Float64Array(n * n);
  for (const i of shocked) mean[i] = shocks[sectors[i]!]!;
  if (!propagate || shocked.length === 0) {
    for (const i of free) for (const j of free) covariance[i * n + j] = correlation[i * n + j]!;
    return { mean, covariance };
  }
  // Pseudo-inverse of C_SS.
  const k = shocked.length;
  const css = new Float64Array(k * k);
  shocked.forEach((i, a) => shocked.forEach((j, b) => (css[a * k + b] = correlation[i * n + j]!)));
  const { values, vectors } = symmetricEigen(css, k);
  const largest = Math.max(...values);
  const inverse = new Float64Array(k * k);
  for (let e = 0; e < k; e++) {
    if (values[e]! <= 1e-12 * largest) continue;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) inverse[a * k + b]! += (vectors[a * k + e]! * vectors[b * k + e]!) / values[e]!;
  }
  // Regression coefficients B = C_OS C_SS^+ (free x shocked).
  const coefficients = free.map((o) => {
    const row = new Float64Array(k);
    for (let b = 0; b < k; b++) {
      let sum = 0;
      for (let a = 0; a < k; a++) sum += correlation[o * n + shocked[a]!]! * inverse[a * k + b]!;
      row[b] = sum;
    }
    return row;
  });
  free.forEach((o, x) => {
    let m = 0;
    shocked.forEach((s, b) => (m += coefficients[x]![b]! * mean[s]!));
    mean[o] = m;
    free.forEach((p, y) => {
      let explained = 0;
      shocked.forEach((s, b) => (explained += coefficients[x]![b]! * correlation[s * n + p]!));
      covariance[o * n + p] = correlation[o * n + p]! - explained;
    });
  });
  // Symmetrise against rounding.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const average = (covariance[i * n + j]! + covariance[j * n + i]!) / 2;
      covariance[i * n + j] = covariance[j * n + i] = average;
    }
  }
  return { mean, covariance };
}
