/** Numerically safe logistic helpers used by the solver, calibration and the scorer alike. */

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/** log(1 + e^z) without overflow. */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * PDs are kept strictly inside (0, 1) by clamping log-odds: a PD of exactly 0 or 1 breaks log loss,
 * odds and the platform's capital formulas. sigmoid(27.6) = 1 - 1.0e-12, far from any meaningful PD.
 */
export const MAX_LOGIT = 27.6;
export function clampLogit(z: number): number {
  return z > MAX_LOGIT ? MAX_LOGIT : z < -MAX_LOGIT ? -MAX_LOGIT : z;
}
