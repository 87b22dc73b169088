/**
 * Platt scaling: a logistic regression of the labels on the raw log-odds, fitted to Platt's targets
 * (as scikit-learn's CalibratedClassifierCV does) rather than to 0 and 1. On validation rows a model
 * separates (a small file: breast-cancer's 114 rows), the 0/1 fit's slope grows without bound (about
 * 20 on quality-cv) and a third of the test rows tie at the +-MAX_LOGIT clamp, costing up to 0.015 test
 * AUC; the targets keep it finite (about 0.4 there). With many rows they are 0 and 1 in effect.
 */
import { fitSmallLogistic } from '../util/small-logistic.ts';

/** Platt's targets: (defaults + 1) / (defaults + 2) for a default, 1 / (non-defaults + 2) for a non-default. */
export function plattTargets(labels: ArrayLike<number>): Float64Array {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]! > 0 ? 1 : 0;
  const negatives = labels.length - positives;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  return Float64Array.from({ length: labels.length }, (_, i) => (labels[i]! > 0 ? high : low));
}

export function fitPlatt(logits: ArrayLike<number>, labels: ArrayLike<number>): { a: number; b: number } {
  const { weights, intercept } = fitSmallLogistic([logits], plattTargets(labels), 0);
  return { a: weights[0]!, b: intercept };
}
