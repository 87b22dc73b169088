/**
 * The logistic model's encoding of numeric inputs, chosen by cross-validation when the user names
 * none: `hybrid` (the default: monotone WoE bin plus standardised value) or `linear` (standardised
 * value with a missing indicator, as scikit-learn's usual pipeline). Neither wins across files: on a
 * German-credit-like file of code columns and smooth numeric effects the WoE bins, learned from a few
 * hundred rows, cost the logistic about 0.01 AUC; on Polish 1,000 (skewed ratios, thresholds) linear
 * costs as much. K folds over training and validation rows, the pipeline fitted again per fold (its
 * WoE never sees the held-out labels), each fold at its best strength of the usual grid for both
 * encodings alike; `linear` replaces the default only when its held-out log loss is lower by more than
 * one standard error of the per-row differences.
 */
import { designLayout } from '../pipeline/design-matrix.ts';
import type { Encoding, PipelineState } from '../pipeline/types.ts';
import { buildLogisticDesign, logisticDesignLogits } from '../logistic/logistic-design.ts';
import { makePenalty } from '../logistic/penalty.ts';
import { chooseSolver } from '../logistic/solver-choice.ts';
import { trainLogistic } from '../logistic/train-logistic.ts';
import type { Table } from '../data/table.ts';
import { stratifiedFolds } from '../trees/cross-validate.ts';
import { pairedLossDifference } from '../trees/settings-choice.ts';
import { sharedUint8 } from '../util/shared-arrays.ts';

/** Above this many training and validation rows the default stays (the choice costs 2 x K logistic fits). */
export const ENCODING_CHOICE_MAX_ROWS = 20_000;
/** Above this many columns in the file the default stays too (ten L2 fits over every column). */
export const ENCODING_CHOICE_MAX_COLUMNS = 200;
const FOLDS = 5;

export interface EncodingChoice {
  encoding: Encoding;
  /** Mean held-out log loss per encoding tried. */
  heldOutLogLoss: Partial<Record<Encoding, number>>;
  /** linear minus hybrid, per row: mean and standard error. */
  difference: { mean: number; se: number };
}

/** Held-out log-odds of every development row for one encoding. */
async function heldOut(
  table: Table,
  rows: Int32Array,
  labels: Uint8Array,
  fold: Uint8Array,
  pipelineOn: (rows: Int32Array) => PipelineState,
): Promise<Float64Array> {
  // One thread: on files this small, starting the solver's worker threads for each of the ten fits
  // costs more than they save.
  const threads = 1;
  const out = new Float64Array(rows.length);
  const penalty = makePenalty('l2');
  for (let f = 0; f < FOLDS; f++) {
    const fitIdx: number[] = [];
    const heldIdx: number[] = [];
    for (let i = 0; i < rows.length; i++) (fold[i] === f ? heldIdx : fitIdx).push(i);
    if (heldIdx.length === 0) continue;
    const fitRows = Int32Array.from(fitIdx, (i) => rows[i]!);
    const heldRows = Int32Array.from(heldIdx, (i) => rows[i]!);
    // In shared memory: the solver's worker threads read them.
    const fitLabels = sharedUint8(fitIdx.length);
    fitIdx.forEach((i, r) => (fitLabels[r] = labels[i]!));
    const pipeline = pipelineOn(fitRows);
    const layout = designLayout(pipeline);
    const solver = chooseSolver({ rows: fitRows.length, columns: layout.columnCount, penalty, threads });
    const held = buildLogisticDesign(pipeline, table, layout, heldRows, solver.method);
    const state = await trainLogistic(
      pipeline,
      { design: buildLogisticDesign(pipeline, table, layout, fitRows, solver.method), labels: fitLabels },
      { design: held, labels: Uint8Array.from(heldIdx, (i) => labels[i]!) },
      { penalty, solver, standardErrors: false, threads },
    );
    const z = logisticDesignLogits(held, Float64Array.from(state.coefficients), state.intercept);
    heldIdx.forEach((i, r) => (out[i] = z[r]!));
  }
  return out;
}

export async function chooseEncoding(
  table: Table,
  rows: Int32Array,
  labels: Uint8Array,
  pipelineFor: (encoding: Encoding, rows: Int32Array) => PipelineState,
  seed: number,
): Promise<EncodingChoice> {
  const fold = stratifiedFolds(labels, FOLDS, seed);
  const hybrid = await heldOut(table, rows, labels, fold, (r) => pipelineFor('hybrid', r));
  const linear = await heldOut(table, rows, labels, fold, (r) => pipelineFor('linear', r));
  const loss = (z: Float64Array) => pairedLossDifference(labels, 1, new Float64Array(z.length).fill(0), z).mean + Math.LN2;
  const difference = pairedLossDifference(labels, 1, hybrid, linear);
  return {
    encoding: difference.mean < -difference.se ? 'linear' : 'hybrid',
    heldOutLogLoss: { hybrid: loss(hybrid), linear: loss(linear) },
    difference,
  };
}
