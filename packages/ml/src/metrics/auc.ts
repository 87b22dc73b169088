import { requireBothClasses, sortedCopy, splitByLabel, type ClassScores } from './sorted.ts';
import { labelsWithScores } from './validate.ts';

/**
 * Area under the ROC curve: the probability that a random default scores higher than a random
 * non-default, ties counting 1/2 (the Mann-Whitney U statistic over n1 * n0).
 */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { y, s } = labelsWithScores(labels, scores);
  return aucOfClasses(splitByLabel(y, s));
}

/** Gini coefficient (accuracy ratio), 2 * AUC - 1. */
export function gini(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  return 2 * auc(labels, scores) - 1;
}

export function aucOfClasses(classes: ClassScores): number {
  requireBothClasses('auc', classes);
  return aucOfSorted(sortedCopy(classes.pos), sortedCopy(classes.neg));
}

/** AUC from ascending default and non-default scores. */
export function aucOfSorted(pos: Float64Array, neg: Float64Array): number {
  // Twice the U statistic, so that half-counted ties stay integers (exact up to 2^53).
  let twiceU = 0;
  let below = 0; // non-defaults strictly below the current default's score
  let atOrBelow = 0; // non-defaults at or below it
  for (let i = 0; i < pos.length; i++) {
    const x = pos[i]!;
    while (below < neg.length && neg[below]! < x) below++;
    if (atOrBelow < below) atOrBelow = below;
    while (atOrBelow < neg.length && neg[atOrBelow]! <= x) atOrBelow++;
    twiceU += below + atOrBelow;
  }
  return twiceU / (2 * pos.length * neg.length);
}
