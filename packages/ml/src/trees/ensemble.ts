/**
 * An ensemble flattened into typed arrays for scoring: every tree's nodes end to end, child indexes
 * absolute, leaves marked by feature -1. Scoring walks each row down each tree.
 */
import type { TreeArrays } from './types.ts';

export interface FlatEnsemble {
  trees: number;
  /** First node of each tree. */
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  cover: Float64Array;
  baseScore: number;
  /** Deepest tree (TreeSHAP sizes its path buffer by it). */
  maxDepth: number;
}

function depthOf(tree: TreeArrays, node = 0): number {
  if (tree.left[node]! < 0) return 0;
  return 1 + Math.max(depthOf(tree, tree.left[node]), depthOf(tree, tree.right[node]));
}

export function flattenEnsemble(trees: TreeArrays[], baseScore: number): FlatEnsemble {
  const total = trees.reduce((n, t) => n + t.feature.length, 0);
  const flat: FlatEnsemble = {
    trees: trees.length,
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    missingLeft: new Uint8Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    value: new Float64Array(total),
    cover: new Float64Array(total),
    baseScore,
    maxDepth: 0,
  };
  let offset = 0;
  trees.forEach((tree, t) => {
    flat.roots[t] = offset;
    for (let i = 0; i < tree.feature.length; i++) {
      const leaf = tree.left[i]! < 0;
      flat.feature[offset + i] = leaf ? -1 : tree.feature[i]!;
      flat.threshold[offset + i] = tree.threshold[i]!;
      flat.missingLeft[offset + i] = tree.missingLeft[i]!;
      flat.left[offset + i] = leaf ? -1 : offset + tree.left[i]!;
      flat.right[offset + i] = leaf ? -1 : offset + tree.right[i]!;
      flat.value[offset + i] = tree.value[i]!;
      flat.cover[offset + i] = tree.cover[i]!;
    }
    flat.maxDepth = Math.max(flat.maxDepth, depthOf(tree));
    offset += tree.feature.length;
  });
  return flat;
}

/** Raw log-odds of rows x features values (row-major; NaN = missing). */
export function ensembleLogits(
  e: FlatEnsemble,
  values: Float64Array,
  rows: number,
  features: number,
  out = new Float64Array(rows),
): Float64Array {
  const { roots, feature, threshold, missingLeft, left, right, value } = e;
  for (let r = 0; r < rows; r++) {
    const base = r * features;
    let z = e.baseScore;
    for (let t = 0; t < roots.length; t++) {
      let node = roots[t]!;
      let f = feature[node]!;
      while (f >= 0) {
        const v = values[base + f]!;
        // NaN compares false: it takes the node's missing side.
        node = v < threshold[node]! ? left[node]! : v >= threshold[node]! ? right[node]! : missingLeft[node] ? left[node]! : right[node]!;
        f = feature[node]!;
      }
      z += value[node]!;
    }
    out[r] = z;
  }
  return out;
}
