/**
 * Choosing between tree settings on cross-validated rows. The lowest mean held-out log loss alone
 * picks by noise on small files (a few dozen defaults): each candidate other than the first (the
 * regularised defaults) must beat the first by more than one standard error of the paired per-row
 * differences, the one-standard-error rule of Breiman et al. (1984) applied to the rows' losses.
 */
import { softplus } from '../util/logistic-math.ts';

/** Mean and standard error of the per-row log loss of `other` minus that of `base` (weighted by defaults' weight). */
export function pairedLossDifference(
  labels: Uint8Array,
  defaultWeight: number,
  base: Float64Array,
  other: Float64Array,
): { mean: number; se: number } {
  const n = labels.length;
  let weight = 0;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i]!;
    const w = y ? defaultWeight : 1;
    const d = y ? softplus(-other[i]!) - softplus(-base[i]!) : softplus(other[i]!) - softplus(base[i]!);
    weight += w;
    sum += w * d;
    squares += w * d * d;
  }
  const mean = sum / weight;
  const variance = Math.max(squares / weight - mean * mean, 0);
  return { mean, se: Math.sqrt(variance / Math.max(n - 1, 1)) };
}
