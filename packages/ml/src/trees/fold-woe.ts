/**
 * Categorical inputs reach the trees as their level's weight of evidence, learned from the pipeline's
 * training rows. In the trees' K-fold cross-validation those rows' own labels are then inside their
 * encoding: a held-out row's log-odds has seen its label, so the out-of-fold figures the tree count,
 * the settings choice and a fusion's stacker trust are optimistic exactly where categoricals carry the
 * signal (a German-credit-like file of a dozen code columns). Per fold, each categorical input is
 * encoded again from the fold's training rows only, the way the final model meets a new row.
 */
import { requireColumn, type Table } from '../data/table.ts';
import { weightOfEvidence } from '../pipeline/binning.ts';
import { encodeLevels } from '../pipeline/categorical-levels.ts';
import { CODE_MISSING, type PipelineState } from '../pipeline/types.ts';
import type { BoostRows } from './boost.ts';
import type { FeatureSource } from './features.ts';

/** Rewrites a fold's categorical columns in place; `trainIndex`/`heldIndex` index the rows the codes were taken for. */
export type FoldRecode = (train: BoostRows, trainIndex: Int32Array, held: BoostRows, heldIndex: Int32Array) => void;

/** The recoding for `rows` of `table` (the rows the cross-validation runs over, in its order), or null without categoricals. */
export function foldWoeRecode(
  pipeline: PipelineState,
  sources: FeatureSource[],
  table: Table,
  rows: Int32Array,
  labels: Uint8Array,
): FoldRecode | null {
  const F = sources.length;
  const columns = sources.flatMap((s, f) => {
    if (s.source !== 'categorical') return [];
    const input = pipeline.categorical.find((c) => c.name === s.input)!;
    const all = encodeLevels(input, requireColumn(table, input.column), table.rowCount);
    return [{ f, levels: input.counts.length, codes: Int32Array.from({ length: rows.length }, (_, i) => all[rows[i]!]!) }];
  });
  if (columns.length === 0) return null;
  return (train, trainIndex, held, heldIndex) => {
    for (const { f, levels, codes } of columns) {
      const counts = new Array<number>(levels).fill(0);
      const defaults = new Array<number>(levels).fill(0);
      trainIndex.forEach((i) => {
        counts[codes[i]!]!++;
        defaults[codes[i]!]! += labels[i]!;
      });
      const { woe } = weightOfEvidence(counts, defaults);
      const write = (part: BoostRows, index: Int32Array) =>
        index.forEach((i, r) => (part.values[r * F + f] = codes[i] === CODE_MISSING ? Number.NaN : woe[codes[i]!]!));
      write(train, trainIndex);
      write(held, heldIndex);
    }
  };
}
