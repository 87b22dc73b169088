/**
 * The logistic model's inner loops over design rows in plain TypeScript: the fallback when a design
 * does not fit WebAssembly memory, and the reference the SIMD kernels are tested against. Rows
 * visited: start, start + step, ... below end. Accumulation is in Float64 throughout.
 */

/** Log-odds of row i: intercept + dense . coef (four running sums) + the row's one-hot coefficients. */
function rowLogit(
  dense: Float32Array,
  denseDim: number,
  onehot: Int32Array,
  slotCount: number,
  coef: Float64Array,
  intercept: number,
  i: number,
): number {
  const o = i * denseDim;
  let z0 = intercept;
  let z1 = 0;
  let z2 = 0;
  let z3 = 0;
  let j = 0;
  for (; j + 3 < denseDim; j += 4) {
    z0 += dense[o + j]! * coef[j]!;
    z1 += dense[o + j + 1]! * coef[j + 1]!;
    z2 += dense[o + j + 2]! * coef[j + 2]!;
    z3 += dense[o + j + 3]! * coef[j + 3]!;
  }
  for (; j < denseDim; j++) z0 += dense[o + j]! * coef[j]!;
  const h = i * slotCount;
  for (let s = 0; s < slotCount; s++) z1 += coef[onehot[h + s]!]!;
  return z0 + z1 + z2 + z3;
}

/** Adds rows' weighted log loss gradient into `grad` (intercept last) and returns their loss. */
export function lossGradKernel(
  dense: Float32Array,
  denseDim: number,
  onehot: Int32Array,
  slotCount: number,
  labels: Uint8Array,
  weights: Float32Array | null,
  coef: Float64Array,
  intercept: number,
  grad: Float64Array,
  start: number,
  end: number,
  step: number,
): number {
  const p = coef.length;
  let loss = 0;
  let gradIntercept = 0;
  for (let i = start; i < end; i += step) {
    const o = i * denseDim;
    const h = i * slotCount;
    const z = rowLogit(dense, denseDim, onehot, slotCount, coef, intercept, i);
    const e = Math.exp(-Math.abs(z));
    const y = labels[i]!;
    const w = weights === null ? 1 : weights[i]!;
    loss += w * ((z > 0 ? z : 0) + Math.log1p(e) - (y === 1 ? z : 0));
    const prob = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    const r = w * (prob - y);
    gradIntercept += r;
    for (let j = 0; j < denseDim; j++) grad[j]! += r * dense[o + j]!;
    for (let s = 0; s < slotCount; s++) grad[onehot[h + s]!]! += r;
  }
  grad[p]! += gradIntercept;
  return loss;
}

/**
 * Adds rows' X'WX into `hessian`, a (p+1) x (p+1) row-major matrix (intercept last); only the upper
 * triangle is written. One-hot slots hold increasing column ranges, so slot order is column order.
 */
export function hessianKernel(
  dense: Float32Array,
  denseDim: number,
  onehot: Int32Array,
  slotCount: number,
  weights: Float32Array | null,
  coef: Float64Array,
  intercept: number,
  hessian: Float64Array,
  start: number,
  end: number,
  step: number,
): void {
  const p = coef.length;
  const size = p + 1;
  for (let i = start; i < end; i += step) {
    const o = i * denseDim;
    const h = i * slotCount;
    let z = intercept;
    for (let j = 0; j < denseDim; j++) z += dense[o + j]! * coef[j]!;
    for (let s = 0; s < slotCount; s++) z += coef[onehot[h + s]!]!;
    const e = Math.exp(-Math.abs(z));
    const prob = 1 / (1 + e);
    const w = (weights === null ? 1 : weights[i]!) * prob * (1 - prob);
    for (let a = 0; a < denseDim; a++) {
      const wa = w * dense[o + a]!;
      if (wa === 0) continue;
      const row = a * size;
      for (let b = a; b < denseDim; b++) hessian[row + b]! += wa * dense[o + b]!;
      for (let s = 0; s < slotCount; s++) hessian[row + onehot[h + s]!]! += wa;
      hessian[row + p]! += wa;
    }
    for (let s = 0; s < slotCount; s++) {
      const u = onehot[h + s]!;
      const row = u * size;
      for (let t = s; t < slotCount; t++) hessian[row + onehot[h + t]!]! += w;
      hessian[row + p]! += w;
    }
    hessian[p * size + p]! += w;
  }
}

/** Writes each row's log-odds into `out`. */
export function logitKernel(
  dense: Float32Array,
  denseDim: number,
  onehot: Int32Array,
  slotCount: number,
  coef: Float64Array,
  intercept: number,
  out: Float64Array,
  start: number,
  end: number,
): void {
  for (let i = start; i < end; i++) out[i] = rowLogit(dense, denseDim, onehot, slotCount, coef, intercept, i);
}
