// Per-unit TreeSHAP contributions of a block of encoded rows: the loop the gbdt family runs on the
// calling thread and its worker threads run on theirs (shap-worker.ts), so both give the same bits.
import type { TreeArrays } from './types.ts';
import type { MemoTreeShap } from './tree-shap-memo.ts';

/** What a worker thread needs of a trees model: its trees, and each tree input's explanation unit. */
export interface TreeShapModel {
  trees: TreeArrays[];
  baseScore: number;
  unitOf: Int32Array;
  units: number;
}

/** A block of encoded rows (row-major, NaN = missing). */
export interface TreeShapTask {
  values: Float64Array;
  rows: number;
  features: number;
}

/**
 * Rows explained together (MemoTreeShap.explainBlock): as many as keep the block's Shapley values within
 * 4 MiB (rows x features doubles, kept twice), 8,192 at most, so a worker's share of a batch is one
 * block and each tree's table and answers are fetched into the cache once per batch.
 */
function blockRows(features: number): number {
  return Math.max(64, Math.min(8192, Math.floor((4 * 1024 * 1024) / (8 * Math.max(1, features)))));
}

/**
 * Rows x units contributions: each input's exact Shapley value added to its unit's. With `logits`
 * (length rows), each row's log-odds too, found with the explanation (MemoTreeShap.explainBlock).
 */
export function explainTreeRows(
  shap: MemoTreeShap,
  values: Float64Array,
  rows: number,
  features: number,
  unitOf: Int32Array,
  units: number,
  logits?: Float64Array,
): Float64Array {
  const block = Math.max(1, Math.min(blockRows(features), rows));
  const phi = new Float64Array(block * features);
  const contributions = new Float64Array(rows * units);
  for (let start = 0; start < rows; start += block) {
    const count = Math.min(block, rows - start);
    phi.fill(0, 0, count * features);
    shap.explainBlock(values, start, count, features, phi, logits?.subarray(start, start + count));
    for (let k = 0; k < count; k++) {
      const out = (start + k) * units;
      for (let f = 0; f < features; f++) contributions[out + unitOf[f]!]! += phi[k * features + f]!;
    }
  }
  return contributions;
}
