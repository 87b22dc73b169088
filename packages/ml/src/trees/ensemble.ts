/**
 * An ensemble flattened into typed arrays for scoring: every tree's nodes end to end, child indexes
 * absolute, leaves marked by feature -1. Scoring walks each row down each tree.
 */
import type { TreeArrays } from './types.ts';
import { WasmTreeScorer } from './wasm-scorer.ts';

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
  /**
   * The scoring layout: per node 3 int32 in `packed` (feature or -1 for a leaf, left child, the missing
   * values' child; a 4th pads to 16 bytes) and a double in `packedValue` (threshold, or a leaf's
   * log-odds). Children of a node side by side (right = left + 1), each tree's nodes in breadth-first
   * order from its root at packedRoots[t]. Integers index without the double-to-int checks a
   * Float64Array's would need.
   */
  packed: Int32Array;
  packedValue: Float64Array;
  packedRoots: Int32Array;
}

/** Lays trees out for scoring (see FlatEnsemble.packed). */
function packTrees(trees: TreeArrays[]): { packed: Int32Array; packedValue: Float64Array; packedRoots: Int32Array } {
  const total = trees.reduce((n, t) => n + t.feature.length, 0);
  const packed = new Int32Array(total * 4);
  const packedValue = new Float64Array(total);
  const packedRoots = new Int32Array(trees.length);
  let next = 0;
  trees.forEach((tree, t) => {
    packedRoots[t] = next;
    // Breadth-first: each internal node's two children get consecutive slots.
    const queue: [number, number][] = [[0, next++]];
    while (queue.length > 0) {
      const [node, slot] = queue.shift()!;
      const o = slot * 4;
      if (tree.left[node]! < 0) {
        packedValue[slot] = tree.value[node]!;
        packed[o] = -1;
        continue;
      }
      const left = next;
      next += 2;
      packedValue[slot] = tree.threshold[node]!;
      packed[o] = tree.feature[node]!;
      packed[o + 1] = left;
      packed[o + 2] = tree.missingLeft[node] ? left : left + 1;
      queue.push([tree.left[node]!, left], [tree.right[node]!, left + 1]);
    }
  });
  return { packed, packedValue, packedRoots };
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
    ...packTrees(trees),
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

/** Rows scored together, tree by tree: one tree's nodes stay in cache while it walks the block. */
const BLOCK = 256;

const wasmScorers = new WeakMap<FlatEnsemble, WasmTreeScorer>();

/** Raw log-odds of rows x features values (row-major; NaN = missing), by the WebAssembly kernel. */
export function ensembleLogits(
  e: FlatEnsemble,
  values: Float64Array,
  rows: number,
  features: number,
  out = new Float64Array(rows),
): Float64Array {
  let scorer = wasmScorers.get(e);
  if (!scorer) wasmScorers.set(e, (scorer = new WasmTreeScorer(e)));
  return scorer.logits(values, rows, features, out);
}

/** As ensembleLogits, in JavaScript: the kernel's reference (the same bits). */
export function ensembleLogitsJs(
  e: FlatEnsemble,
  values: Float64Array,
  rows: number,
  features: number,
  out = new Float64Array(rows),
): Float64Array {
  const { packed, packedValue, packedRoots } = e;
  out.fill(e.baseScore, 0, rows);
  for (let start = 0; start < rows; start += BLOCK) {
    const end = Math.min(rows, start + BLOCK);
    for (let t = 0; t < packedRoots.length; t++) {
      const root = packedRoots[t]!;
      for (let r = start; r < end; r++) {
        const base = r * features;
        let o = root;
        let f = packed[o * 4]!;
        while (f >= 0) {
          const v = values[base + f]!;
          // Branch-free left/right (random rows mispredict a branch half the time); a missing value
          // (NaN, rare: a predictable branch) takes the node's missing side.
          o = v === v ? packed[o * 4 + 1]! + (v >= packedValue[o]! ? 1 : 0) : packed[o * 4 + 2]!;
          f = packed[o * 4]!;
        }
        out[r]! += packedValue[o]!;
      }
    }
  }
  return out;
}
