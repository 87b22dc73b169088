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

/** Rows x units contributions: each input's exact Shapley value added to its unit's. */
export function explainTreeRows(
  shap: MemoTreeShap,
  values: Float64Array,
  rows: number,
  features: number,
  unitOf: Int32Array,
  units: number,
): Float64Array {
  const phi = new Float64Array(features);
  const contributions = new Float64Array(rows * units);
  for (let r = 0; r < rows; r++) {
    phi.fill(0);
    shap.explainRow(values, r, features, phi, 0);
    for (let f = 0; f < features; f++) contributions[r * units + unitOf[f]!]! += phi[f]!;
  }
  return contributions;
}
