// Validation figures for early stopping: log loss on logits, and AUC from the metrics package.
import { auc } from '../metrics/index.ts';

/** AUC, or NaN when the validation rows hold only one class (early stopping then needs valLoss). */
export function validationAuc(labels: Uint8Array, logits: ArrayLike<number>): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  if (positives === 0 || positives === labels.length) return Number.NaN;
  return auc(labels, logits);
}

/** Weighted mean binary cross-entropy of logits. */
export function logLossFromLogits(labels: ArrayLike<number>, logits: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const z = logits[i]!;
    const w = weights ? weights[i]! : 1;
    sum += w * (Math.max(z, 0) - z * labels[i]! + Math.log1p(Math.exp(-Math.abs(z))));
    total += w;
  }
  return sum / Math.max(total, 1e-12);
}
