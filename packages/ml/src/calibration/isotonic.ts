/**
 * Isotonic calibration: the non-decreasing step function of raw log-odds closest to the labels
 * (pool-adjacent-violators). Each block keeps its first and last log-odds, and PDs are interpolated
 * linearly between blocks and held flat outside, as scikit-learn's IsotonicRegression does. PDs
 * are kept inside [1e-6, 1 - 1e-6]: a validation block without defaults does not mean a PD of zero.
 */
export const ISOTONIC_PD_BOUND = 1e-6;

export function fitIsotonic(logits: ArrayLike<number>, labels: ArrayLike<number>): { x: number[]; y: number[] } {
  const order = Array.from({ length: logits.length }, (_, i) => i).sort((i, j) => logits[i]! - logits[j]!);
  const blocks: { sumY: number; count: number; first: number; last: number }[] = [];
  for (const i of order) {
    blocks.push({ sumY: labels[i]!, count: 1, first: logits[i]!, last: logits[i]! });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const prev = blocks[blocks.length - 2]!;
      // Tied log-odds always share a block; otherwise merge only on a violation.
      if (prev.last !== last.first && prev.sumY / prev.count < last.sumY / last.count) break;
      blocks.pop();
      prev.sumY += last.sumY;
      prev.count += last.count;
      prev.last = last.last;
    }
  }
  const clamp = (p: number) => Math.min(1 - ISOTONIC_PD_BOUND, Math.max(ISOTONIC_PD_BOUND, p));
  const x: number[] = [];
  const y: number[] = [];
  for (const block of blocks) {
    const value = clamp(block.sumY / block.count);
    x.push(block.first);
    y.push(value);
    if (block.last > block.first) {
      x.push(block.last);
      y.push(value);
    }
  }
  return { x, y };
}

export function applyIsotonic(state: { x: number[]; y: number[] }, z: number): number {
  const { x, y } = state;
  if (z <= x[0]!) return y[0]!;
  if (z >= x[x.length - 1]!) return y[y.length - 1]!;
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= z) lo = mid;
    else hi = mid;
  }
  const span = x[hi]! - x[lo]!;
  return span > 0 ? y[lo]! + ((y[hi]! - y[lo]!) * (z - x[lo]!)) / span : y[hi]!;
}
