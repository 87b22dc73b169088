/**
 * Out-of-fold log-odds of the logistic model for a fusion's stacker: K folds over the training and
 * validation rows; per fold the feature pipeline (bins, weight of evidence, scaling) is fitted again on
 * the fold's training rows only, then the model at the penalty the full fit chose. The held-out fold's
 * labels never reach its own log-odds, not even through the weight-of-evidence encoding.
 */
import type { FitContext } from '../families/types.ts';
import { designLayout } from '../pipeline/design-matrix.ts';
import type { PipelineState } from '../pipeline/types.ts';
import { stratifiedFolds } from '../trees/cross-validate.ts';
import { buildLogisticDesign, logisticDesignLogits } from './logistic-design.ts';
import type { Penalty } from './penalty.ts';
import { chooseSolver } from './solver-choice.ts';
import { trainLogistic, type LogisticTrainOptions } from './train-logistic.ts';

export async function logisticOutOfFold(
  context: FitContext,
  refitPipeline: (rows: Int32Array) => PipelineState,
  folds: number,
  seed: number,
  lambda: number,
  penalty: Penalty,
  options: Pick<LogisticTrainOptions, 'penalty' | 'lambdas'>,
): Promise<Float64Array> {
  const { table, train, validation } = context;
  const rows = Int32Array.from([...train.rows, ...validation.rows]);
  const labels = Uint8Array.from([...train.labels, ...validation.labels]);
  const fold = stratifiedFolds(labels, folds, seed);
  const out = new Float64Array(rows.length);
  for (let f = 0; f < folds; f++) {
    context.signal?.throwIfAborted();
    const fitIdx: number[] = [];
    const heldIdx: number[] = [];
    for (let i = 0; i < rows.length; i++) (fold[i] === f ? heldIdx : fitIdx).push(i);
    if (heldIdx.length === 0) continue;
    const fitRows = Int32Array.from(fitIdx, (i) => rows[i]!);
    const heldRows = Int32Array.from(heldIdx, (i) => rows[i]!);
    const fitLabels = Uint8Array.from(fitIdx, (i) => labels[i]!);
    const heldLabels = Uint8Array.from(heldIdx, (i) => labels[i]!);
    const pipeline = refitPipeline(fitRows);
    const layout = designLayout(pipeline);
    const solver = chooseSolver({ rows: fitRows.length, columns: layout.columnCount, penalty, threads: context.threads });
    const held = buildLogisticDesign(pipeline, table, layout, heldRows, solver.method);
    const state = await trainLogistic(
      pipeline,
      { design: buildLogisticDesign(pipeline, table, layout, fitRows, solver.method), labels: fitLabels },
      { design: held, labels: heldLabels },
      {
        ...options,
        lambdas: [lambda],
        penalty,
        solver,
        standardErrors: false,
        classWeight: context.classWeight,
        threads: context.threads,
        signal: context.signal,
      },
    );
    const z = logisticDesignLogits(held, Float64Array.from(state.coefficients), state.intercept);
    heldIdx.forEach((i, r) => (out[i] = z[r]!));
  }
  return out;
}
