/**
 * From a family's raw log-odds and contributions to what the scorer reports: calibrated (and anchored)
 * log-odds and PDs, and contributions on the scale of the quantity they explain. Shared by
 * `ModelScorer` and `BatchScorer`, so both give the same numbers.
 */
import { calibratedLogit } from '../calibration/apply.ts';
import type { BatchExplanation } from '../families/types.ts';
import type { ModelFile } from '../model-file/types.ts';
import { sigmoid } from '../util/logistic-math.ts';

export function calibrateScores(model: ModelFile, raw: Float64Array): { logit: Float64Array; pd: Float64Array } {
  const n = raw.length;
  const logit = new Float64Array(n);
  const pd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    logit[i] = calibratedLogit(model.calibration, model.anchor, raw[i]!);
    pd[i] = sigmoid(logit[i]!);
  }
  return { logit, pd };
}

export interface CalibratedExplanation {
  /** rows x units, row-major (the family's array, scaled in place). */
  contributions: Float64Array;
  /** The explained quantity per row: calibrated log-odds, or the raw log-odds under isotonic calibration. */
  explained: Float64Array;
  quantity: string;
  /** The explained quantity at the baseline. */
  baseline: number;
  /** |explained - baseline - sum(contributions)| per row. */
  gap: Float64Array;
}

/** `logit`: the calibrated log-odds the scorer reports for the same rows. */
export function calibrateExplanation(model: ModelFile, logit: Float64Array, explanation: BatchExplanation): CalibratedExplanation {
  const { calibration, anchor } = model;
  const { contributions, raw } = explanation;
  const n = raw.length;
  const k = n > 0 ? contributions.length / n : 0;
  let baseline = explanation.baseline;
  let quantity = 'calibrated log-odds of default';
  let explained = logit;
  const shift = anchor ? anchor.shift : 0;
  if (calibration.method === 'platt') {
    // Platt is linear in the log-odds, so scaling keeps the contributions exact.
    for (let c = 0; c < contributions.length; c++) contributions[c]! *= calibration.a;
    baseline = calibration.a * baseline + calibration.b + shift;
  } else if (calibration.method === 'none') {
    baseline += shift;
  } else {
    quantity = 'model log-odds before isotonic calibration (monotone, not additive)';
    explained = raw;
  }
  const gap = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let sum = 0;
    for (let u = 0; u < k; u++) sum += contributions[r * k + u]!;
    gap[r] = Math.abs(explained[r]! - baseline - sum);
  }
  return { contributions, explained, quantity, baseline, gap };
}
