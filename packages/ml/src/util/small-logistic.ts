/**
 * Logistic regression of labels on a handful of inputs (Platt scaling, stacking), by Newton's method
 * with step halving. Tiny problems only: the Hessian is (k+1) x (k+1) and solved by Gaussian elimination.
 */
import { sigmoid, softplus } from './logistic-math.ts';

function solve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    if (p === 0) throw new CollinearError('the scores being calibrated or stacked are collinear (two parts give the same log-odds)');
    for (let r = col + 1; r < n; r++) {
      const f = a[r]![col]! / p;
      for (let c = col; c <= n; c++) a[r]![c]! -= f * a[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = a[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= a[r]![c]! * x[c]!;
    x[r] = sum / a[r]![r]!;
  }
  return x;
}

function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

/**
 * An input that is the same on every row carries nothing the intercept does not (a model whose
 * penalty kept no feature scores every row alike): it gets weight 0 instead of a singular system.
 */
export function fitSmallLogistic(
  inputs: ArrayLike<number>[],
  labels: ArrayLike<number>,
  ridge = 1e-9,
  prior?: SmallLogisticPrior,
): { weights: number[]; intercept: number } {
  const varying = inputs.map((input) => !isConstant(input));
  if (varying.some((v) => !v)) {
    const keep = <T>(values: T[]) => values.filter((_, j) => varying[j]);
    const fit = fitVarying(keep(inputs), labels, ridge, prior && { centre: keep(prior.centre), strength: keep(prior.strength) });
    let next = 0;
    return { weights: varying.map((v) => (v ? fit.weights[next++]! : 0)), intercept: fit.intercept };
  }
  return fitVarying(inputs, labels, ridge, prior);
}

/**
 * A Gaussian prior on the weights (not the intercept): 0.5 * strength_j * (w_j - centre_j)^2 is added
 * to the loss, so a fit on few rows stays near the centre (stacking: the best single member).
 */
export interface SmallLogisticPrior {
  centre: number[];
  strength: number[];
}

function fitVarying(
  inputs: ArrayLike<number>[],
  labels: ArrayLike<number>,
  ridge: number,
  prior?: SmallLogisticPrior,
): { weights: number[]; intercept: number } {
  const k = inputs.length;
  const centre = (j: number) => prior?.centre[j] ?? 0;
  const strength = (j: number) => ridge + (prior?.strength[j] ?? 0);
  const n = labels.length;
  for (const input of inputs) if (input.length !== n) throw new Error('fitSmallLogistic: inputs and labels differ in length');
  // Start from the plain average of the inputs (Platt: the identity map). Where that saturates every
  // row (log-odds past +-37, as a blend with a negative slope on a fold of rare defaults can give), the
  // Hessian there is zero and the system singular: start again from the intercept alone, where each
  // row has weight (a synthetic quality-cv fold stopped here).
  const average = new Array<number>(k + 1).fill(1 / Math.max(k, 1));
  average[k] = 0;
  try {
    return newton(inputs, labels, average, strength, centre);
  } catch (error) {
    if (!(error instanceof CollinearError)) throw error;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += labels[i]!;
    mean = Math.min(1 - 1e-9, Math.max(1e-9, mean / Math.max(n, 1)));
    const base = new Array<number>(k + 1).fill(0);
    base[k] = Math.log(mean / (1 - mean));
    return newton(inputs, labels, base, strength, centre);
  }
}

class CollinearError extends Error {}

function newton(
  inputs: ArrayLike<number>[],
  labels: ArrayLike<number>,
  start: number[],
  strength: (j: number) => number,
  centre: (j: number) => number,
): { weights: number[]; intercept: number } {
  const k = inputs.length;
  const n = labels.length;
  const beta = [...start];
  const linear = (b: number[], i: number) => {
    let z = b[k]!;
    for (let j = 0; j < k; j++) z += b[j]! * inputs[j]![i]!;
    return z;
  };
  const objective = (b: number[]) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = linear(b, i);
      sum += softplus(z) - labels[i]! * z;
    }
    for (let j = 0; j < k; j++) sum += 0.5 * strength(j) * (b[j]! - centre(j)) ** 2;
    return sum;
  };
  let current = objective(beta);
  for (let iteration = 0; iteration < 100; iteration++) {
    const grad = new Array<number>(k + 1).fill(0);
    const hess = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const p = sigmoid(linear(beta, i));
      const r = p - labels[i]!;
      const w = p * (1 - p);
      for (let a = 0; a <= k; a++) {
        const xa = a < k ? inputs[a]![i]! : 1;
        grad[a]! += r * xa;
        for (let b = a; b <= k; b++) hess[a]![b]! += w * xa * (b < k ? inputs[b]![i]! : 1);
      }
    }
    for (let a = 0; a <= k; a++) {
      if (a < k) {
        grad[a]! += strength(a) * (beta[a]! - centre(a));
        hess[a]![a]! += strength(a);
      }
      for (let b = 0; b < a; b++) hess[a]![b] = hess[b]![a]!;
    }
    if (Math.max(...grad.map(Math.abs)) < 1e-10 * Math.max(n, 1)) break;
    const step = solve(hess, grad);
    let t = 1;
    let trial = beta.map((v, j) => v - t * step[j]!);
    let next = objective(trial);
    // At the optimum a full Newton step changes the loss by rounding only: done (halving it 30 times
    // more, for 100 iterations, made every stacking fit cost 3,500 passes over the rows).
    if (Math.abs(current - next) <= 1e-13 * Math.abs(current)) {
      if (next < current) beta.splice(0, k + 1, ...trial);
      break;
    }
    while (next > current && t > 1e-10) {
      t /= 2;
      trial = beta.map((v, j) => v - t * step[j]!);
      next = objective(trial);
    }
    if (next > current) break;
    beta.splice(0, k + 1, ...trial);
    current = next;
  }
  if (beta.some((v) => !Number.isFinite(v))) throw new Error('small logistic fit did not converge');
  return { weights: beta.slice(0, k), intercept: beta[k]! };
}
