// DeLong, DeLong & Clarke-Pearson (1988) variance of the AUC, computed from placement values
// (Sun & Xu 2014 show they follow from ranks in O(n log n); here each placement is a pair of
// binary searches in the other class's sorted scores, which keeps rows in their order so the
// paired test can correlate two models row by row).
import { normalQuantile, normalSf } from './distributions.ts';
import { lowerBound, requireBothClasses, sortedCopy, splitByLabel, upperBound, type ClassScores } from './sorted.ts';
import { checkProbabilityArg, checkSameLength, labelsWithScores, toScores } from './validate.ts';

export interface AucInterval {
  auc: number;
  /** DeLong standard error of the AUC. */
  se: number;
  lower: number;
  upper: number;
}

export interface DeLongComparison {
  aucA: number;
  aucB: number;
  /** aucA - aucB */
  diff: number;
  se: number;
  z: number;
  /** Two-sided p-value of H0: aucA = aucB. */
  pValue: number;
}

interface Placements {
  /** Exact AUC from integer pair counts, identical to auc(). */
  auc: number;
  /** For each default: share of non-defaults it outscores (ties 1/2). */
  v10: Float64Array;
  /** For each non-default: share of defaults that outscore it (ties 1/2). */
  v01: Float64Array;
}

function placements(classes: ClassScores): Placements {
  const { pos, neg } = classes;
  const posSorted = sortedCopy(pos);
  const negSorted = sortedCopy(neg);
  const v10 = new Float64Array(pos.length);
  const v01 = new Float64Array(neg.length);
  let twiceU = 0; // an integer below 2^53, so the AUC carries no summation error
  for (let i = 0; i < pos.length; i++) {
    const x = pos[i]!;
    const twiceWins = lowerBound(negSorted, x) + upperBound(negSorted, x);
    twiceU += twiceWins;
    v10[i] = twiceWins / (2 * neg.length);
  }
  for (let j = 0; j < neg.length; j++) {
    const x = neg[j]!;
    const above = pos.length - upperBound(posSorted, x);
    const atOrAbove = pos.length - lowerBound(posSorted, x);
    v01[j] = (above + atOrAbove) / (2 * pos.length);
  }
  return { auc: twiceU / (2 * pos.length * neg.length), v10, v01 };
}

/** Sample covariance (n - 1 denominator) of two equally long vectors with known means. */
function covariance(a: Float64Array, b: Float64Array, meanA: number, meanB: number): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - meanA) * (b[i]! - meanB);
  return sum / (a.length - 1);
}

function classesOf(y: Uint8Array, s: Float64Array, metric: string): ClassScores {
  const classes = splitByLabel(y, s);
  // The variance estimator divides by (count - 1) within each class.
  requireBothClasses(metric, classes, 2);
  return classes;
}

/** AUC with its DeLong standard error and a normal-approximation confidence interval in [0, 1]. */
export function aucDeLong(labels: ArrayLike<number>, scores: ArrayLike<number>, confidence = 0.95): AucInterval {
  checkProbabilityArg('confidence', confidence, true);
  const { y, s } = labelsWithScores(labels, scores);
  const { auc: area, v10, v01 } = placements(classesOf(y, s, 'aucDeLong'));
  const variance = covariance(v10, v10, area, area) / v10.length + covariance(v01, v01, area, area) / v01.length;
  const se = Math.sqrt(variance);
  const halfWidth = normalQuantile(0.5 + confidence / 2) * se;
  return {
    auc: area,
    se,
    lower: Math.max(0, area - halfWidth),
    upper: Math.min(1, area + halfWidth),
  };
}

/**
 * Paired DeLong test of two models scored on the same rows. When both models rank every pair
 * alike the standard error is 0: then z is 0 (p = 1) for equal AUCs and +-Infinity (p = 0) otherwise.
 */
export function deLongCompare(labels: ArrayLike<number>, scoresA: ArrayLike<number>, scoresB: ArrayLike<number>): DeLongComparison {
  const { y, s: sA } = labelsWithScores(labels, scoresA, 'scoresA');
  const sB = toScores('scoresB', scoresB);
  checkSameLength('labels', y.length, 'scoresB', sB.length);
  const a = placements(classesOf(y, sA, 'deLongCompare'));
  const b = placements(splitByLabel(y, sB));
  const aucA = a.auc;
  const aucB = b.auc;
  const m = a.v10.length;
  const n = a.v01.length;
  // Var(A - B) = Var(A) + Var(B) - 2 Cov(A, B), each term from the placement covariances.
  const s10 = covariance(a.v10, a.v10, aucA, aucA) + covariance(b.v10, b.v10, aucB, aucB) - 2 * covariance(a.v10, b.v10, aucA, aucB);
  const s01 = covariance(a.v01, a.v01, aucA, aucA) + covariance(b.v01, b.v01, aucB, aucB) - 2 * covariance(a.v01, b.v01, aucA, aucB);
  const se = Math.sqrt(Math.max(0, s10 / m + s01 / n));
  const diff = aucA - aucB;
  let z: number;
  if (se > 0) z = diff / se;
  else z = diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity;
  return { aucA, aucB, diff, se, z, pValue: 2 * normalSf(Math.abs(z)) };
}
