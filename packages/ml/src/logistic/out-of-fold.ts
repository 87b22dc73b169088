/**
 * Held-out log-odds of the logistic model over K folds of the development rows: per fold the feature
 * pipeline (bins, weight of evidence, scaling) is fitted again on the fold's training rows only, then
 * the model. The held-out fold's labels never reach its own log-odds, not even through the
 * weight-of-evidence encoding. Two callers: the fusion's stacker (`logisticOutOfFold`, at the penalty
 * the full fit chose) and the encoding choice (../train/encoding-choice.ts, each fold at its best
 * strength of the usual grid).
 */
import type { Table } from '../data/table.ts';
import type { FitContext } from '../families/types.ts';
import { designLayout } from '../pipeline/design-matrix.ts';
import type { PipelineState } from '../pipeline/types.ts';
import { stratifiedFolds } from '../trees/cross-validate.ts';
import { sharedUint8 } from '../util/shared-arrays.ts';
import { buildLogisticDesign, logisticDesignLogits } from './logistic-design.ts';
import type { Penalty } from './penalty.ts';
import { chooseSolver } from './solver-choice.ts';
import { trainLogistic, type LogisticTrainOptions } from './train-logistic.ts';

export interface HeldOutFolds {
  table: Table;
  /** Development rows of the table and their labels. */
  rows: Int32Array;
  labels: Uint8Array;
  /** Fold of each row (0 .. folds - 1). */
  fold: Uint8Array;
  folds: number;
  /** The pipeline fitted on these rows only. */
  pipelineOn: (rows: Int32Array) => PipelineState;
  penalty: Penalty;
  threads: number | undefined;
  /** Further training options (strengths, class weight, abort signal); penalty, solver and threads are this helper's. */
  train?: Partial<LogisticTrainOptions>;
  signal?: AbortSignal;
}

/** Log-odds of each row from the fold model that did not see it (0 for a fold with no rows). */
export async function heldOutLogisticLogits(spec: HeldOutFolds): Promise<Float64Array> {
  const { table, rows, labels, fold, folds, penalty, threads } = spec;
  const out = new Float64Array(rows.length);
  for (let f = 0; f < folds; f++) {
    spec.signal?.throwIfAborted();
    const fitIdx: number[] = [];
    const heldIdx: number[] = [];
    for (let i = 0; i < rows.length; i++) (fold[i] === f ? heldIdx : fitIdx).push(i);
    if (heldIdx.length === 0) continue;
    const fitRows = Int32Array.from(fitIdx, (i) => rows[i]!);
    const heldRows = Int32Array.from(heldIdx, (i) => rows[i]!);
    // In shared memory: the solver's worker threads read them.
    const fitLabels = sharedUint8(fitIdx.length);
    fitIdx.forEach((i, r) => (fitLabels[r] = labels[i]!));
    const pipeline = spec.pipelineOn(fitRows);
    const layout = designLayout(pipeline);
    const solver = chooseSolver({ rows: fitRows.length, columns: layout.columnCount, penalty, threads });
    const held = buildLogisticDesign(pipeline, table, layout, heldRows, solver.method);
    const state = await trainLogistic(
      pipeline,
      { design: buildLogisticDesign(pipeline, table, layout, fitRows, solver.method), labels: fitLabels },
      { design: held, labels: Uint8Array.from(heldIdx, (i) => labels[i]!) },
      { ...spec.train, penalty, solver, standardErrors: false, threads },
    );
    const z = logisticDesignLogits(held, Float64Array.from(state.coefficients), state.intercept);
    heldIdx.forEach((i, r) => (out[i] = z[r]!));
  }
  return out;
}

/** Out-of-fold log-odds over the training and validation rows for the fusion's stacker, at the full fit's strength. */
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
  const labels = Uint8Array.from([...train.labels, ...validation.labels]);
  return heldOutLogisticLogits({
    table,
    rows: Int32Array.from([...train.rows, ...validation.rows]),
    labels,
    fold: stratifiedFolds(labels, folds, seed),
    folds,
    pipelineOn: refitPipeline,
    penalty,
    threads: context.threads,
    train: { ...options, lambdas: [lambda], classWeight: context.classWeight, signal: context.signal },
    signal: context.signal,
  });
}
