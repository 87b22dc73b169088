/** Platt scaling: a logistic regression of the labels on the raw log-odds. */
import { fitSmallLogistic } from '../util/small-logistic.ts';

export function fitPlatt(logits: ArrayLike<number>, labels: ArrayLike<number>): { a: number; b: number } {
  const { weights, intercept } = fitSmallLogistic([logits], labels, 0);
  return { a: weights[0]!, b: intercept };
}
