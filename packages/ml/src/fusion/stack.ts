/**
 * Fusion of the logistic and deep models: a logistic regression of the validation labels on both
 * models' raw log-odds (stacking). The result is already calibrated: fused logit =
 * intercept + w_logistic * z_logistic + w_deep * z_deep, and explanations combine with the same weights.
 */
import { fitSmallLogistic } from '../util/small-logistic.ts';

export interface FusionState {
  logisticWeight: number;
  deepWeight: number;
  intercept: number;
}

export function fitFusion(logisticLogits: ArrayLike<number>, deepLogits: ArrayLike<number>, labels: ArrayLike<number>): FusionState {
  const { weights, intercept } = fitSmallLogistic([logisticLogits, deepLogits], labels, 1e-6);
  return { logisticWeight: weights[0]!, deepWeight: weights[1]!, intercept };
}

export function fusedLogit(state: FusionState, logistic: number, deep: number): number {
  return state.intercept + state.logisticWeight * logistic + state.deepWeight * deep;
}
