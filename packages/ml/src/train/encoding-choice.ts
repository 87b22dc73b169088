/**
 * The logistic model's encoding of numeric inputs, chosen by cross-validation when the user names
 * none: `hybrid` (the default: monotone WoE bin plus standardised value) or `linear` (standardised
 * value with a missing indicator, as scikit-learn's usual pipeline). Neither wins across files: on a
 * German-credit-like file of code columns and smooth numeric effects the WoE bins, learned from a few
 * hundred rows, cost the logistic about 0.01 AUC; on Polish 1,000 (skewed ratios, thresholds) linear
 * costs as much. K folds over training and validation rows, the pipeline fitted again per fold (its
 * WoE never sees the held-out labels), each fold at its best strength of the usual grid for both
 * encodings alike; the one with the lower held-out log loss is kept. (Keeping `hybrid` unless `linear`
 * won by one standard error left hybrid on two of eight German-like folds where linear was 0.02 test AUC
 * better; the lower loss gained German-like +0.0024, Polish 1,000 +0.0008, synthetic +0.0049 logistic
 * test AUC over 8 quality-cv folds, nothing elsewhere.)
 */
import type { Encoding, PipelineState } from '../pipeline/types.ts';
import { heldOutLogisticLogits } from '../logistic/out-of-fold.ts';
import { makePenalty } from '../logistic/penalty.ts';
import type { Table } from '../data/table.ts';
import { stratifiedFolds } from '../trees/cross-validate.ts';
import { pairedLossDifference } from '../trees/settings-choice.ts';

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

export async function chooseEncoding(
  table: Table,
  rows: Int32Array,
  labels: Uint8Array,
  pipelineFor: (encoding: Encoding, rows: Int32Array) => PipelineState,
  seed: number,
): Promise<EncodingChoice> {
  const fold = stratifiedFolds(labels, FOLDS, seed);
  // One thread: on files this small, starting the solver's worker threads for each of the ten fits
  // costs more than they save. Each fold at its best strength of the usual grid.
  const heldOut = (encoding: Encoding) =>
    heldOutLogisticLogits({
      table,
      rows,
      labels,
      fold,
      folds: FOLDS,
      pipelineOn: (r) => pipelineFor(encoding, r),
      penalty: makePenalty('l2'),
      threads: 1,
    });
  const hybrid = await heldOut('hybrid');
  const linear = await heldOut('linear');
  const loss = (z: Float64Array) => pairedLossDifference(labels, 1, new Float64Array(z.length).fill(0), z).mean + Math.LN2;
  const difference = pairedLossDifference(labels, 1, hybrid, linear);
  return {
    // The lower held-out loss, with no margin: neither encoding nests the other (linear gives a
    // categorical one column per level, hybrid a numeric input a WoE bin more), so neither is the
    // simpler one that a tie should keep.
    encoding: difference.mean < 0 ? 'linear' : 'hybrid',
    heldOutLogLoss: { hybrid: loss(hybrid), linear: loss(linear) },
    difference,
  };
}
