import { labelsWithPd } from './validate.ts';

/** Brier score: mean squared difference between PD and outcome. */
export function brier(labels: ArrayLike<number>, pd: ArrayLike<number>): number {
  const { y, p } = labelsWithPd(labels, pd);
  return brierValidated(y, p);
}

/**
 * Mean negative log-likelihood (natural log). PDs are clipped to [eps, 1 - eps] so that a
 * confident wrong PD of exactly 0 or 1 costs a large finite amount rather than Infinity.
 */
export function logLoss(labels: ArrayLike<number>, pd: ArrayLike<number>, eps = 1e-15): number {
  if (typeof eps !== 'number' || !(eps >= 0 && eps < 0.5)) {
    throw new RangeError(`eps must be in [0, 0.5), got ${String(eps)}`);
  }
  const { y, p } = labelsWithPd(labels, pd);
  return logLossValidated(y, p, eps);
}

export function brierValidated(y: Uint8Array, p: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const d = p[i]! - y[i]!;
    sum += d * d;
  }
  return sum / y.length;
}

export function logLossValidated(y: Uint8Array, p: Float64Array, eps: number): number {
  const lo = eps;
  const hi = 1 - eps;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(hi, Math.max(lo, p[i]!));
    // log1p keeps precision for the small PDs typical of good borrowers.
    sum -= y[i] === 1 ? Math.log(q) : Math.log1p(-q);
  }
  return sum / y.length;
}
