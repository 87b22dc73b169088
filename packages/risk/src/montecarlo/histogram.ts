/**
 * Histogram of the simulated loss distribution with importance weights: the estimated
 * probability of each bin with its standard error, and the exceedance probability P(L > edge) at
 * each left edge (what a log-scale tail chart plots). Bins are equal-width on [0, max].
 */
import type { MergedSample } from './merge.ts';

export interface HistogramOptions {
  bins?: number;
  /** Upper end of the last bin; default the largest simulated loss. */
  max?: number;
}

export interface LossHistogram {
  /** bins + 1 edges. */
  edges: number[];
  probability: number[];
  standardError: number[];
  /** P(L > edges[k]) for each bin's left edge. */
  exceedance: number[];
  /** Probability above max (0 when max is the largest loss). */
  overflow: number;
}

export function lossHistogram(sample: MergedSample, options: HistogramOptions = {}): LossHistogram {
  const bins = options.bins ?? 50;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const { losses, weights, scenarios: n } = sample;
  let largest = 0;
  for (let j = 0; j < n; j++) largest = Math.max(largest, losses[j]!);
  const max = options.max ?? (largest > 0 ? largest : 1);
  const width = max / bins;
  const sums = new Float64Array(bins);
  const squares = new Float64Array(bins);
  let overflow = 0;
  for (let j = 0; j < n; j++) {
    const loss = losses[j]!;
    const w = weights[j]!;
    if (loss > max) {
      overflow += w;
      continue;
    }
    const k = Math.min(bins - 1, Math.floor(loss / width));
    sums[k]! += w;
    squares[k]! += w * w;
  }
  const probability: number[] = [];
  const standardError: number[] = [];
  for (let k = 0; k < bins; k++) {
    const mean = sums[k]! / n;
    probability.push(mean);
    standardError.push(Math.sqrt(Math.max(0, squares[k]! / n - mean * mean) / n));
  }
  const exceedance: number[] = new Array<number>(bins).fill(0);
  const edges = Array.from({ length: bins + 1 }, (_, k) => k * width);
  const sortedAbove = new Float64Array(bins);
  for (let j = 0; j < n; j++) {
    const loss = losses[j]!;
    if (loss <= 0 || loss > max) continue; // overflow is counted apart
    // The largest k with k * width < loss.
    const k = Math.min(bins - 1, Math.max(0, Math.ceil(loss / width) - 1));
    sortedAbove[k]! += weights[j]!;
  }
  let running = overflow;
  for (let k = bins - 1; k >= 0; k--) {
    running += sortedAbove[k]!;
    exceedance[k] = running / n;
  }
  return { edges, probability, standardError, exceedance, overflow: overflow / n };
}
