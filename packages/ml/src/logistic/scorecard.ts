/**
 * Scorecard points for a WoE-encoded logistic model. With logit(PD) = a + sum_j b_j * WoE_j and
 * score = offset + factor * ln(odds of non-default), factor = PDO / ln 2 and
 * offset = basePoints - factor * ln(baseOdds), each attribute gets
 * points = -factor * (b_j * WoE + a / k) + offset / k over the k inputs, so a row's points add up to
 * its score.
 */
import { binNames, levelNames, type DesignLayout } from '../pipeline/design-matrix.ts';
import type { ScorecardState } from './types.ts';

export interface ScorecardOptions {
  pointsToDoubleOdds: number;
  baseOdds: number;
  basePoints: number;
}

export const DEFAULT_SCORECARD: ScorecardOptions = { pointsToDoubleOdds: 20, baseOdds: 50, basePoints: 600 };

export function buildScorecard(
  layout: DesignLayout,
  coefficients: ArrayLike<number>,
  intercept: number,
  options: ScorecardOptions,
): ScorecardState {
  const factor = options.pointsToDoubleOdds / Math.LN2;
  const offset = options.basePoints - factor * Math.log(options.baseOdds);
  const k = layout.dense.length;
  const share = (woe: number, beta: number) => -factor * (beta * woe + intercept / k) + offset / k;
  const inputs = layout.dense.map((source, j) => {
    const beta = coefficients[j]!;
    if (source.kind === 'woe-numeric') {
      const names = binNames(source.input);
      return {
        input: source.input.name,
        attributes: source.input.bins.woe.map((woe, b) => ({ column: names[b]!, points: share(woe, beta) })),
      };
    }
    if (source.kind === 'woe-categorical') {
      const names = levelNames(source.input);
      return { input: source.input.name, attributes: source.input.woe.map((woe, c) => ({ column: names[c]!, points: share(woe, beta) })) };
    }
    throw new Error('scorecard points need the woe encoding');
  });
  return { ...options, inputs };
}

/** A row's score from its logit (the same scale as the points). */
export function scoreFromLogit(logit: number, options: ScorecardOptions): number {
  const factor = options.pointsToDoubleOdds / Math.LN2;
  return options.basePoints - factor * Math.log(options.baseOdds) - factor * logit;
}
