/**
 * Stacking: a logistic regression of the validation labels on the members' raw log-odds. The result
 * is calibrated already: fused logit = intercept + sum_m weight_m * z_m, and explanations combine
 * with the same weights. Fitted to Platt's targets (../calibration/platt.ts) for the same reason as
 * Platt scaling: on validation rows a member separates, 0/1 labels give weights of 7 to 25 (quality-cv
 * breast-cancer) and test rows tie at the log-odds clamp.
 */
import { plattTargets } from '../calibration/platt.ts';
import { fitSmallLogistic } from '../util/small-logistic.ts';

export interface StackFit {
  weights: number[];
  intercept: number;
}

export function fitStack(memberLogits: ArrayLike<number>[], labels: ArrayLike<number>): StackFit {
  const { weights, intercept } = fitSmallLogistic(memberLogits, plattTargets(labels), 1e-6);
  return { weights, intercept };
}
