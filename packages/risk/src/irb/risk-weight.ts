/**
 * The IRB risk-weight function for one exposure (CRE31.3-31.15): asset correlation R, maturity
 * adjustment b, capital requirement K per unit of EAD, risk weight and RWA. Inputs are already
 * floored and chosen (see capital.ts); this file is the formula and nothing else.
 */
import { normalCdf, normalQuantile } from '../math/normal.ts';
import { isRetail, type IrbAssetClass } from './asset-class.ts';

/** b = (0.11852 - 0.05478 ln PD)^2 (CRE31.5). */
export function maturityAdjustmentSlope(pd: number): number {
  const x = 0.11852 - 0.05478 * Math.log(pd);
  return x * x;
}

export interface RiskWeightInput {
  assetClass: IrbAssetClass;
  pd: number;
  lgd: number;
  /** Effective maturity in years, ignored for retail. */
  maturity: number;
  correlation: number;
  confidence: number;
  /** For PD = 1: the best estimate of expected loss; K = max(0, LGD - it). */
  elBestEstimate?: number;
}

export interface RiskWeightOutput {
  /** Capital requirement per unit of EAD. */
  k: number;
  /** b, or 0 for retail and defaulted exposures. */
  maturitySlope: number;
  /** (1 + (M - 2.5) b) / (1 - 1.5 b), 1 for retail. */
  maturityFactor: number;
}

export function riskWeightFunction(input: RiskWeightInput): RiskWeightOutput {
  const { pd, lgd, correlation: r } = input;
  if (pd >= 1) return { k: Math.max(0, lgd - (input.elBestEstimate ?? lgd)), maturitySlope: 0, maturityFactor: 1 };
  if (pd <= 0) return { k: 0, maturitySlope: 0, maturityFactor: 1 };
  const conditionalPd = normalCdf((normalQuantile(pd) + Math.sqrt(r) * normalQuantile(input.confidence)) / Math.sqrt(1 - r));
  const unexpected = lgd * conditionalPd - pd * lgd;
  if (isRetail(input.assetClass)) return { k: unexpected, maturitySlope: 0, maturityFactor: 1 };
  const b = maturityAdjustmentSlope(pd);
  const maturityFactor = (1 + (input.maturity - 2.5) * b) / (1 - 1.5 * b);
  return { k: unexpected * maturityFactor, maturitySlope: b, maturityFactor };
}
