/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): Shapley values of each
 * feature for one row in O(leaves x depth^2) per tree, where "feature unknown" follows both children
 * weighted by their training cover. Computed leaf path by leaf path (as GPUTreeShap does) rather than by
 * recursion: everything that does not depend on the row is worked out once per model (each path's
 * distinct features, repeated splits on one feature merged, and the cover fraction each keeps), so a row
 * costs one decision per split, then per path one EXTEND over flat scratch arrays and one UNWIND sum
 * per feature. A feature's "one" fraction is 0 or 1 (the row takes all of the path's sides for it, or
 * not); the UNWIND sum of a feature the row leaves is one shared sum divided by its own cover fraction,
 * which its Shapley weight (0 - fraction) cancels: those features cost O(depth) together.
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

/** Every leaf's path as the row-independent part of TreeSHAP needs it (see TreeShap). */
interface Paths {
  /** Per tree (length trees + 1): its first path; its split nodes are splitStart[t]..splitStart[t + 1]. */
  treePath: Int32Array;
  splitStart: Int32Array;
  /** Split nodes of every tree (flat node indexes), tree by tree. */
  splitNode: Int32Array;
  /** Per path (length paths + 1): its first element; its leaf value. */
  elemStart: Int32Array;
  value: Float64Array;
  /** Per element: the feature and its cover fraction ("zero": the share of rows that go this way unknowing). */
  elemFeature: Int32Array;
  elemZero: Float64Array;
  /** Per element: its condition's key when it has one (most do), else -1 - its first condition in condKey. */
  elemKey: Int32Array;
  /** Per element (length elements + 1): its first condition. */
  elemCond: Int32Array;
  /** Per condition: 2 x the split's position in its tree's splitNode run, + 1 when the path goes right. */
  condKey: Int32Array;
  /** Most distinct features on one path. */
  maxElems: number;
}

function buildPaths(e: FlatEnsemble): Paths {
  const treePath = [0];
  const splitStart = [0];
  const splitNode: number[] = [];
  const elemStart = [0];
  const elemCond = [0];
  const elemKey: number[] = [];
  const value: number[] = [];
  const elemFeature: number[] = [];
  const elemZero: number[] = [];
  const condKey: number[] = [];
  let maxElems = 0;
  const total = e.feature.length;
  for (let t = 0; t < e.trees; t++) {
    const root = e.roots[t]!;
    const end = t + 1 < e.trees ? e.roots[t + 1]! : total;
    const splitOf = new Map<number, number>();
    for (let node = root; node < end; node++) {
      if (e.feature[node]! < 0) continue;
      splitOf.set(node, splitNode.length - splitStart[t]!);
      splitNode.push(node);
    }
    splitStart.push(splitNode.length);
    // Depth-first over root-to-leaf paths; each element keeps the conditions (split, side) merged into it.
    interface Elem {
      feature: number;
      zero: number;
      conds: [number, number][];
    }
    const walk = (node: number, elems: Elem[]): void => {
      const f = e.feature[node]!;
      if (f < 0) {
        value.push(e.value[node]!);
        for (const el of elems) {
          elemFeature.push(el.feature);
          elemZero.push(el.zero);
          elemKey.push(el.conds.length === 1 ? 2 * el.conds[0]![0] + (el.conds[0]![1] ? 0 : 1) : -1 - condKey.length);
          for (const [split, left] of el.conds) condKey.push(2 * split + (left ? 0 : 1));
          elemCond.push(condKey.length);
        }
        maxElems = Math.max(maxElems, elems.length);
        elemStart.push(elemFeature.length);
        return;
      }
      const cover = e.cover[node]!;
      for (const [child, left] of [
        [e.left[node]!, 1],
        [e.right[node]!, 0],
      ] as const) {
        const ratio = cover > 0 ? e.cover[child]! / cover : 0.5;
        const previous = elems.findIndex((el) => el.feature === f);
        // A feature split on again: its element moves to the end, fractions multiplied (as UNWIND then EXTEND).
        const merged: Elem =
          previous < 0
            ? { feature: f, zero: ratio, conds: [[splitOf.get(node)!, left]] }
            : { feature: f, zero: ratio * elems[previous]!.zero, conds: [...elems[previous]!.conds, [splitOf.get(node)!, left]] };
        walk(child, [...elems.filter((_, i) => i !== previous), merged]);
      }
    };
    walk(root, []);
    treePath.push(value.length);
  }
  return {
    treePath: Int32Array.from(treePath),
    splitStart: Int32Array.from(splitStart),
    splitNode: Int32Array.from(splitNode),
    elemStart: Int32Array.from(elemStart),
    value: Float64Array.from(value),
    elemFeature: Int32Array.from(elemFeature),
    elemZero: Float64Array.from(elemZero),
    elemKey: Int32Array.from(elemKey),
    elemCond: Int32Array.from(elemCond),
    condKey: Int32Array.from(condKey),
    maxElems,
  };
}

export class TreeShap {
  private readonly p: Paths;
  /** Per split of the tree being explained and side (2 x split, + 1 right): 1 when the row goes that way. */
  private readonly goes: Uint8Array;
  /** The path's "one" elements (the row takes all their sides): cover fractions and features; the others' features. */
  private readonly zo: Float64Array;
  private readonly fo: Int32Array;
  private readonly fz: Int32Array;
  /** Elementary symmetric polynomials of zo. */
  private readonly es: Float64Array;
  /** shapley[d * stride + s] = s! (d - 1 - s)! / d!: the Shapley weight of a subset of s of d features. */
  private readonly shapley: Float64Array;
  private readonly stride: number;

  constructor(private readonly e: FlatEnsemble) {
    this.p = buildPaths(e);
    let widest = 0;
    for (let t = 0; t < e.trees; t++) widest = Math.max(widest, this.p.splitStart[t + 1]! - this.p.splitStart[t]!);
    this.goes = new Uint8Array(2 * widest);
    const d = this.p.maxElems + 1;
    this.stride = d;
    this.zo = new Float64Array(d);
    this.fo = new Int32Array(d);
    this.fz = new Int32Array(d);
    this.es = new Float64Array(d + 1);
    this.shapley = new Float64Array(d * d);
    for (let n = 1; n < d; n++) {
      // 1 / (n x binomial(n - 1, s)), the binomial built exactly in doubles for these small n.
      let binomial = 1;
      for (let k = 0; k < n; k++) {
        this.shapley[n * d + k] = 1 / (n * binomial);
        binomial = (binomial * (n - 1 - k)) / (k + 1);
      }
    }
  }

  /** Adds the row's Shapley values to phi[phiBase + f]; `values` row-major with `features` per row. */
  explainRow(values: Float64Array, row: number, features: number, phi: Float64Array, phiBase: number): void {
    for (let t = 0; t < this.e.trees; t++) this.explainTree(t, values, row, features, phi, phiBase);
  }

  /** As explainRow, for tree `t` alone. */
  explainTree(t: number, values: Float64Array, row: number, features: number, phi: Float64Array, phiBase: number): void {
    const { e, p, goes, zo, fo, fz, es, shapley, stride } = this;
    const { feature, threshold, missingLeft } = e;
    const { splitNode, elemStart, elemFeature, elemZero, elemKey, elemCond, condKey } = p;
    const base = row * features;
    const s0 = p.splitStart[t]!;
    const s1 = p.splitStart[t + 1]!;
    for (let s = s0; s < s1; s++) {
      const node = splitNode[s]!;
      const x = values[base + feature[node]!]!;
      const left = x < threshold[node]! || (x !== x && missingLeft[node] === 1) ? 1 : 0;
      goes[2 * (s - s0)] = left;
      goes[2 * (s - s0) + 1] = left ^ 1;
    }
    const p1 = p.treePath[t + 1]!;
    for (let path = p.treePath[t]!; path < p1; path++) {
      const v = p.value[path]!;
      const e0 = elemStart[path]!;
      const e1 = elemStart[path + 1]!;
      const d = e1 - e0;
      if (d === 0 || v === 0) continue;
      // The subsets that reach this leaf hold every "one" element it has and none it has not: the
      // features the row leaves enter as one product, the others through their symmetric polynomials.
      let off = 1;
      let m = 0;
      let n = 0;
      for (let el = e0; el < e1; el++) {
        const key = elemKey[el]!;
        let one = 1;
        if (key >= 0) one = goes[key]!;
        else {
          const c1 = elemCond[el + 1]!;
          for (let c = -1 - key; c < c1; c++) one &= goes[condKey[c]!]!;
        }
        const z = elemZero[el]!;
        if (one === 1) {
          zo[m] = z;
          fo[m++] = elemFeature[el]!;
        } else {
          off *= z;
          fz[n++] = elemFeature[el]!;
        }
      }
      // A feature the row leaves with no training cover: every subset's weight here is 0.
      if (off === 0) continue;
      es[0] = 1;
      for (let j = 0; j < m; j++) {
        const z = zo[j]!;
        es[j + 1] = z * es[j]!;
        for (let i = j; i >= 1; i--) es[i]! += z * es[i - 1]!;
      }
      const scale = v * off;
      const w = d * stride;
      if (n > 0) {
        // Each feature the row leaves: (0 - z) x (off / z) x sum over subsets of the "one" elements.
        let sum = 0;
        for (let s = 0; s <= m; s++) sum += shapley[w + s]! * es[m - s]!;
        const share = scale * sum;
        for (let i = 0; i < n; i++) phi[phiBase + fz[i]!]! -= share;
      }
      for (let j = 0; j < m; j++) {
        const z = zo[j]!;
        if (z === 1) continue;
        // The polynomials without element j (dividing out 1 + z x), then its subsets' weights.
        let deflated = 1;
        let sum = shapley[w + m - 1]!;
        for (let i = 1; i < m; i++) {
          deflated = es[i]! - z * deflated;
          sum += shapley[w + m - 1 - i]! * deflated;
        }
        phi[phiBase + fo[j]!]! += scale * (1 - z) * sum;
      }
    }
  }
}
