/** Figures of a fitted family on its raw log-odds, for the report and for stacking. */
import { summaryMetrics, type SummaryMetrics } from '../metrics/index.ts';
import { sigmoid } from '../util/logistic-math.ts';
import type { CompiledModel, FitContext } from './types.ts';

export function metricsOf(labels: Uint8Array, logits: ArrayLike<number>): SummaryMetrics {
  return summaryMetrics(labels, Array.from(logits, sigmoid));
}

/**
 * Validation log-odds of a compiled model, with its validation and (when there are test rows) test
 * figures. `heldOut`: validation log-odds from a fit that did not see the validation rows, for a
 * model refit on them (scoring it there would be in-sample).
 */
export function familyMetrics(
  compiled: CompiledModel,
  context: Pick<FitContext, 'table' | 'validation' | 'test'>,
  heldOut?: Float64Array,
): { validationLogits: Float64Array; validation: SummaryMetrics; test: SummaryMetrics | null } {
  const validationLogits = heldOut ?? compiled.logits(compiled.encode(context.table, context.validation.rows)).raw;
  const test = context.test ? metricsOf(context.test.labels, compiled.logits(compiled.encode(context.table, context.test.rows)).raw) : null;
  return { validationLogits, validation: metricsOf(context.validation.labels, validationLogits), test };
}
