import { requireBothClasses, sortedCopy, splitByLabel, type ClassScores } from './sorted.ts';
import { labelsWithScores } from './validate.ts';

export interface KsResult {
  /** max over t of |F0(t) - F1(t)|, F the share of a class scoring <= t. */
  statistic: number;
  /** The smallest score t at which the maximum is reached. */
  threshold: number;
}

/** Kolmogorov-Smirnov distance between the score distributions of defaults and non-defaults. */
export function ks(labels: ArrayLike<number>, scores: ArrayLike<number>): KsResult {
  const { y, s } = labelsWithScores(labels, scores);
  return ksOfClasses(splitByLabel(y, s));
}

export function ksOfClasses(classes: ClassScores): KsResult {
  requireBothClasses('ks', classes);
  return ksOfSorted(sortedCopy(classes.pos), sortedCopy(classes.neg));
}

/** KS from ascending default and non-default scores. */
export function ksOfSorted(pos: Float64Array, neg: Float64Array): KsResult {
  const n1 = pos.length;
  const n0 = neg.length;
  // Compare |i/n1 - j/n0| as the integer |i*n0 - j*n1| so equal gaps tie exactly and the
  // first (smallest) threshold wins regardless of rounding.
  let best = -1;
  let threshold = Number.NaN;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n0) {
    const t = j >= n0 || (i < n1 && pos[i]! <= neg[j]!) ? pos[i]! : neg[j]!;
    while (i < n1 && pos[i]! <= t) i++;
    while (j < n0 && neg[j]! <= t) j++;
    const gap = Math.abs(i * n0 - j * n1);
    if (gap > best) {
      best = gap;
      threshold = t;
    }
  }
  return { statistic: best / (n0 * n1), threshold };
}
