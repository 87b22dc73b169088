/**
 * Stacking: a logistic regression of the validation labels on the members' raw log-odds. The result
 * is calibrated already: fused logit = intercept + sum_m weight_m * z_m, and explanations combine
 * with the same weights.
 */
import { fitSmallLogistic } from '../util/small-logistic.ts';

export interface StackFit {
  weights: number[];
  intercept: number;
}

export function fitStack(memberLogits: ArrayLike<number>[], labels: ArrayLike<number>): StackFit {
  const { weights, intercept } = fitSmallLogistic(memberLogits, labels, 1e-6);
  return { weights, intercept };
}
