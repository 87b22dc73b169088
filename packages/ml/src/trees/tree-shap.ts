/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): Shapley values of each
 * feature for one row in O(leaves x depth^2) per tree, where "feature unknown" follows both children
 * weighted by their training cover. The path of unique features is kept in flat typed arrays, one
 * segment per recursion level, as in the reference C++ implementation (shap's tree_shap.h).
 */
import type { FlatEnsemble } from './ensemble.ts';

/** Cover-weighted mean of a tree's leaves: its expected value with every feature unknown. */
export function treeExpectation(e: FlatEnsemble, node: number): number {
  if (e.feature[node]! < 0) return e.value[node]!;
  const c = e.cover[node]!;
  const l = e.left[node]!;
  const r = e.right[node]!;
  if (!(c > 0)) return 0.5 * (treeExpectation(e, l) + treeExpectation(e, r));
  return (e.cover[l]! * treeExpectation(e, l) + e.cover[r]! * treeExpectation(e, r)) / c;
}

/** Base score plus every tree's expected value: what the contributions are measured from. */
export function ensembleExpectation(e: FlatEnsemble): number {
  let sum = e.baseScore;
  for (let t = 0; t < e.trees; t++) sum += treeExpectation(e, e.roots[t]!);
  return sum;
}

export class TreeShap {
  private readonly feature: Int32Array;
  private readonly zero: Float64Array;
  private readonly one: Float64Array;
  private readonly weight: Float64Array;
  private values!: Float64Array;
  private base = 0;
  private phi!: Float64Array;
  private phiBase = 0;

  constructor(private readonly e: FlatEnsemble) {
    const d = e.maxDepth + 2;
    const size = (d * (d + 1)) / 2 + d;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }

  /** Adds the row's Shapley values to phi[phiBase + f]; `values` row-major with `features` per row. */
  explainRow(values: Float64Array, row: number, features: number, phi: Float64Array, phiBase: number): void {
    this.values = values;
    this.base = row * features;
    this.phi = phi;
    this.phiBase = phiBase;
    for (let t = 0; t < this.e.trees; t++) this.recurse(this.e.roots[t]!, 0, 0, 0, 1, 1, -1);
  }

  /** As explainRow, for tree `t` alone. */
  explainTree(t: number, values: Float64Array, row: number, features: number, phi: Float64Array, phiBase: number): void {
    this.values = values;
    this.base = row * features;
    this.phi = phi;
    this.phiBase = phiBase;
    this.recurse(this.e.roots[t]!, 0, 0, 0, 1, 1, -1);
  }

  private extend(at: number, depth: number, zero: number, one: number, feature: number): void {
    const { feature: fs, zero: zs, one: os, weight: ws } = this;
    fs[at + depth] = feature;
    zs[at + depth] = zero;
    os[at + depth] = one;
    ws[at + depth] = depth === 0 ? 1 : 0;
    for (let i = depth - 1; i >= 0; i--) {
      ws[at + i + 1]! += (one * ws[at + i]! * (i + 1)) / (depth + 1);
      ws[at + i] = (zero * ws[at + i]! * (depth - i)) / (depth + 1);
    }
  }

  private unwind(at: number, depth: number, index: number): void {
    const { feature: fs, zero: zs, one: os, weight: ws } = this;
    const one = os[at + index]!;
    const zero = zs[at + index]!;
    let next = ws[at + depth]!;
    for (let i = depth - 1; i >= 0; i--) {
      if (one !== 0) {
        const tmp = ws[at + i]!;
        ws[at + i] = (next * (depth + 1)) / ((i + 1) * one);
        next = tmp - (ws[at + i]! * zero * (depth - i)) / (depth + 1);
      } else {
        ws[at + i] = (ws[at + i]! * (depth + 1)) / (zero * (depth - i));
      }
    }
    for (let i = index; i < depth; i++) {
      fs[at + i] = fs[at + i + 1]!;
      zs[at + i] = zs[at + i + 1]!;
      os[at + i] = os[at + i + 1]!;
    }
  }

  private unwoundSum(at: number, depth: number, index: number): number {
    const { zero: zs, one: os, weight: ws } = this;
    const one = os[at + index]!;
    const zero = zs[at + index]!;
    let next = ws[at + depth]!;
    let total = 0;
    for (let i = depth - 1; i >= 0; i--) {
      if (one !== 0) {
        const tmp = (next * (depth + 1)) / ((i + 1) * one);
        total += tmp;
        next = ws[at + i]! - tmp * zero * ((depth - i) / (depth + 1));
      } else if (zero !== 0) {
        total += ws[at + i]! / zero / ((depth - i) / (depth + 1));
      }
    }
    return total;
  }

  /**
   * `parentAt` is where the parent's path segment starts; this level's segment follows it
   * (depth + 1 elements long once extended).
   */
  private recurse(node: number, parentAt: number, depth: number, parentLength: number, zero: number, one: number, feature: number): void {
    const e = this.e;
    const at = parentAt + parentLength;
    // Copy the parent's path (depth elements) into this level's segment, then extend it.
    this.feature.copyWithin(at, parentAt, parentAt + depth);
    this.zero.copyWithin(at, parentAt, parentAt + depth);
    this.one.copyWithin(at, parentAt, parentAt + depth);
    this.weight.copyWithin(at, parentAt, parentAt + depth);
    this.extend(at, depth, zero, one, feature);
    const split = e.feature[node]!;
    if (split < 0) {
      const v = e.value[node]!;
      for (let i = 1; i <= depth; i++) {
        const w = this.unwoundSum(at, depth, i);
        this.phi[this.phiBase + this.feature[at + i]!]! += w * (this.one[at + i]! - this.zero[at + i]!) * v;
      }
      return;
    }
    const x = this.values[this.base + split]!;
    const goLeft = x < e.threshold[node]! || (Number.isNaN(x) && e.missingLeft[node] === 1);
    const hot = goLeft ? e.left[node]! : e.right[node]!;
    const cold = goLeft ? e.right[node]! : e.left[node]!;
    const cover = e.cover[node]!;
    const hotZero = cover > 0 ? e.cover[hot]! / cover : 0.5;
    const coldZero = cover > 0 ? e.cover[cold]! / cover : 0.5;
    let incomingZero = 1;
    let incomingOne = 1;
    let length = depth + 1;
    let d = depth;
    let index = 0;
    for (; index <= d; index++) if (this.feature[at + index] === split) break;
    if (index !== d + 1) {
      // Already split on this feature higher up: undo that split and redo it here.
      incomingZero = this.zero[at + index]!;
      incomingOne = this.one[at + index]!;
      this.unwind(at, d, index);
      d -= 1;
      length -= 1;
    }
    this.recurse(hot, at, d + 1, length, hotZero * incomingZero, incomingOne, split);
    this.recurse(cold, at, d + 1, length, coldZero * incomingZero, 0, split);
  }
}
