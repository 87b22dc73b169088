/**
 * Logistic penalties on the sum-of-losses scale, the same as scikit-learn's LogisticRegression with
 * lambda = 1 / C:
 *   objective = sum_i w_i loss_i + lambda * (l1Ratio * ||beta||_1 + (1 - l1Ratio) / 2 * ||beta||^2)
 * (scikit-learn: C * sum_i loss_i + l1_ratio * ||w||_1 + (1 - l1_ratio) / 2 * ||w||^2). The intercept is
 * not penalised. l2 is l1Ratio 0, l1 is l1Ratio 1, elastic net anything between.
 */
export type PenaltyKind = 'l2' | 'l1' | 'elasticnet';

export interface Penalty {
  kind: PenaltyKind;
  /** Share of the L1 term: 0 for l2, 1 for l1, in (0, 1) for elasticnet. */
  l1Ratio: number;
}

export const DEFAULT_ELASTICNET_L1_RATIO = 0.5;

export function makePenalty(kind: PenaltyKind = 'l2', l1Ratio?: number): Penalty {
  if (kind === 'l2') return { kind, l1Ratio: 0 };
  if (kind === 'l1') return { kind, l1Ratio: 1 };
  const ratio = l1Ratio ?? DEFAULT_ELASTICNET_L1_RATIO;
  if (!(ratio > 0 && ratio < 1)) throw new Error(`the elastic-net L1 ratio must be strictly between 0 and 1, got ${ratio}`);
  return { kind, l1Ratio: ratio };
}

/** The L1 and L2 strengths of a penalty at overall strength lambda. */
export function penaltyParts(penalty: Penalty, lambda: number): { l1: number; l2: number } {
  return { l1: lambda * penalty.l1Ratio, l2: lambda * (1 - penalty.l1Ratio) };
}

export function penaltyValue(coef: ArrayLike<number>, l1: number, l2: number): number {
  let abs = 0;
  let squares = 0;
  for (let j = 0; j < coef.length; j++) {
    const c = coef[j]!;
    abs += Math.abs(c);
    squares += c * c;
  }
  return l1 * abs + 0.5 * l2 * squares;
}

export function describePenalty(penalty: Penalty): string {
  return penalty.kind === 'elasticnet' ? `elastic net (L1 share ${penalty.l1Ratio})` : penalty.kind.toUpperCase();
}
