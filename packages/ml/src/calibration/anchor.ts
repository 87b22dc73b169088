/**
 * Re-anchoring to a long-run default rate: the shift d of the log-odds intercept for which the mean of
 * sigmoid(z_i + d) over the development rows equals the rate (monotone in d, solved by safeguarded
 * Newton steps inside a bracket).
 */
import { sigmoid } from '../util/logistic-math.ts';

export function meanPd(logits: ArrayLike<number>, shift: number): number {
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += sigmoid(logits[i]! + shift);
  return sum / logits.length;
}

export function solveAnchorShift(logits: ArrayLike<number>, rate: number): number {
  if (!(rate > 0 && rate < 1)) throw new Error(`the anchor default rate must be strictly between 0 and 1, got ${rate}`);
  if (logits.length === 0) throw new Error('re-anchoring needs at least one row');
  let lo = -50;
  let hi = 50;
  let shift = 0;
  for (let iteration = 0; iteration < 200; iteration++) {
    let mean = 0;
    let slope = 0;
    for (let i = 0; i < logits.length; i++) {
      const p = sigmoid(logits[i]! + shift);
      mean += p;
      slope += p * (1 - p);
    }
    mean /= logits.length;
    slope /= logits.length;
    const gap = mean - rate;
    if (Math.abs(gap) < 1e-13) break;
    if (gap > 0) hi = shift;
    else lo = shift;
    const newton = shift - gap / slope;
    shift = slope > 0 && newton > lo && newton < hi ? newton : (lo + hi) / 2;
  }
  return shift;
}
