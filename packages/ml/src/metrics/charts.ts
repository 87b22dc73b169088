/**
 * Chart data for a validation report, from test labels and PDs: the ROC curve, the two cumulative
 * distributions whose widest gap is the KS statistic, and the PD distribution by outcome. Each is a
 * fixed number of points whatever the row count, so a report stays small.
 */
import { requireBothClasses, sortedCopy, splitByLabel } from './sorted.ts';
import { labelsWithScores } from './validate.ts';

export interface RocPoint {
  /** Share of non-defaults scoring above the threshold. */
  falsePositiveRate: number;
  /** Share of defaults scoring above the threshold. */
  truePositiveRate: number;
  threshold: number;
}

export interface KsPoint {
  threshold: number;
  /** Share of defaults with a score at or below the threshold. */
  defaults: number;
  nonDefaults: number;
}

export interface DistributionBin {
  /** PD range [from, to). */
  from: number;
  to: number;
  /** Share of each class in the bin. */
  defaults: number;
  nonDefaults: number;
}

export interface ValidationCharts {
  roc: RocPoint[];
  ks: KsPoint[];
  scoreDistribution: DistributionBin[];
}

/** Rows with a score at or below t, by binary search in an ascending array. */
function countAtOrBelow(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Thresholds at evenly spaced quantiles of all scores, ascending and distinct. */
function quantileThresholds(all: Float64Array, points: number): number[] {
  const out: number[] = [];
  for (let k = 0; k <= points; k++) {
    const value = all[Math.min(all.length - 1, Math.floor((k / points) * (all.length - 1)))]!;
    if (out.length === 0 || value > out[out.length - 1]!) out.push(value);
  }
  return out;
}

export function validationCharts(labels: ArrayLike<number>, pd: ArrayLike<number>, points = 100, bins = 20): ValidationCharts {
  const { y, s } = labelsWithScores(labels, pd);
  const classes = splitByLabel(y, s);
  requireBothClasses('validationCharts', classes);
  const pos = sortedCopy(classes.pos);
  const neg = sortedCopy(classes.neg);
  const all = sortedCopy(s);
  const thresholds = quantileThresholds(all, points);

  const ks = thresholds.map((threshold) => ({
    threshold,
    defaults: countAtOrBelow(pos, threshold) / pos.length,
    nonDefaults: countAtOrBelow(neg, threshold) / neg.length,
  }));
  // ROC from the strictest threshold down: (0,0) first, (1,1) last.
  const roc: RocPoint[] = [{ falsePositiveRate: 0, truePositiveRate: 0, threshold: all[all.length - 1]! }];
  for (let k = ks.length - 1; k >= 0; k--) {
    const point = ks[k]!;
    roc.push({ falsePositiveRate: 1 - point.nonDefaults, truePositiveRate: 1 - point.defaults, threshold: point.threshold });
  }
  roc.push({ falsePositiveRate: 1, truePositiveRate: 1, threshold: all[0]! });

  // PD bins evenly spaced on a log scale: PDs span orders of magnitude.
  const low = Math.log10(Math.max(all[0]!, 1e-6));
  const high = Math.log10(Math.max(all[all.length - 1]!, 1e-6));
  const width = Math.max(high - low, 1e-9) / bins;
  const scoreDistribution: DistributionBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = b === 0 ? 0 : 10 ** (low + b * width);
    const to = b === bins - 1 ? 1 : 10 ** (low + (b + 1) * width);
    const share = (sorted: Float64Array) => (countBelow(sorted, to, b === bins - 1) - countBelow(sorted, from, false)) / sorted.length;
    scoreDistribution.push({ from, to, defaults: share(pos), nonDefaults: share(neg) });
  }
  return { roc, ks, scoreDistribution };
}

/** Rows strictly below t (or at or below it, for the last bin's closed upper end). */
function countBelow(sorted: Float64Array, t: number, inclusive: boolean): number {
  if (inclusive) return countAtOrBelow(sorted, t);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
