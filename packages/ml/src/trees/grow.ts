/**
 * Grows one tree leaf-wise on binned data: histograms of gradient, hessian and row count per feature
 * and bin; each split tries every bin boundary with missing values on either side; the larger child's
 * histogram is its parent's minus the smaller child's (the subtraction trick). Monotone constraints
 * bound the children's values at the midpoint of a constrained split, so no later split can reverse it.
 */
import { MISSING_BIN } from './binning.ts';

const STRIDE = 3; // gradient, hessian, rows
const BINS = 256;

export interface GrowParams {
  learningRate: number;
  maxLeaves: number;
  maxDepth: number;
  minLeafRows: number;
  minLeafWeight: number;
  l2: number;
}

export interface GrowData {
  /** rows x features bin codes, row-major. */
  bins: Uint8Array;
  features: number;
  /** Value bins per feature (edges + 1). */
  valueBins: Int32Array;
  /** Real thresholds per feature: edges[f][b] ends value bin b. */
  edges: Float64Array[];
  monotone: Int8Array;
  /** Gradient and hessian of each row side by side (one cache line for both when rows are scattered). */
  gh: Float64Array;
}

/** A grown tree: the model-file arrays plus each split's bin (for scoring binned rows while training). */
export interface GrownTree {
  feature: number[];
  threshold: number[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
  splitBin: number[];
  /** Leaves as ranges of the rows array passed in (partitioned in place). */
  leaves: { node: number; begin: number; end: number }[];
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
  gl: number;
  hl: number;
  cl: number;
  wl: number;
  wr: number;
}

interface Leaf {
  node: number;
  begin: number;
  end: number;
  g: number;
  h: number;
  c: number;
  depth: number;
  lo: number;
  hi: number;
  hist: Float64Array;
  best: Split | null;
}

/** Reuses histogram buffers across leaves and trees. */
export class HistogramPool {
  private free: Float64Array[] = [];
  constructor(private readonly size: number) {}
  take(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.size);
  }
  give(h: Float64Array): void {
    this.free.push(h);
  }
}

export function histogramSize(features: number): number {
  return features * BINS * STRIDE;
}

function clamp(w: number, lo: number, hi: number): number {
  return w < lo ? lo : w > hi ? hi : w;
}

/** The loss term of a leaf holding value w: G w + (H + l2) w^2 / 2 (lower is better). */
function leafObjective(g: number, h: number, w: number, l2: number): number {
  return g * w + 0.5 * (h + l2) * w * w;
}

function buildHistogram(data: GrowData, rows: Int32Array, begin: number, end: number, active: Int32Array, hist: Float64Array): void {
  const { bins, gh, features: F } = data;
  for (let a = 0; a < active.length; a++) hist.fill(0, active[a]! * BINS * STRIDE, (active[a]! + 1) * BINS * STRIDE);
  const A = active.length;
  if (A === F) {
    for (let i = begin; i < end; i++) {
      const r = rows[i]!;
      const g = gh[2 * r]!;
      const h = gh[2 * r + 1]!;
      const base = r * F;
      for (let f = 0; f < F; f++) {
        const o = ((f << 8) + bins[base + f]!) * STRIDE;
        hist[o]! += g;
        hist[o + 1]! += h;
        hist[o + 2]! += 1;
      }
    }
    return;
  }
  for (let i = begin; i < end; i++) {
    const r = rows[i]!;
    const g = gh[2 * r]!;
    const h = gh[2 * r + 1]!;
    const base = r * F;
    for (let a = 0; a < A; a++) {
      const f = active[a]!;
      const o = ((f << 8) + bins[base + f]!) * STRIDE;
      hist[o]! += g;
      hist[o + 1]! += h;
      hist[o + 2]! += 1;
    }
  }
}

function bestSplit(data: GrowData, leaf: Leaf, active: Int32Array, params: GrowParams): Split | null {
  const { hist, g: G, h: H, c: C, lo, hi } = leaf;
  const { l2, minLeafRows, minLeafWeight } = params;
  const parentObjective = leafObjective(G, H, clamp(-G / (H + l2), lo, hi), l2);
  let best: Split | null = null;
  for (let a = 0; a < active.length; a++) {
    const f = active[a]!;
    const nb = data.valueBins[f]!;
    const mono = data.monotone[f]!;
    const base = f * BINS * STRIDE;
    const mo = base + MISSING_BIN * STRIDE;
    const gm = hist[mo]!;
    const hm = hist[mo + 1]!;
    const cm = hist[mo + 2]!;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    // Split after bin b (b = nb - 1: every value left, missing right).
    for (let b = 0; b < nb; b++) {
      const o = base + b * STRIDE;
      gl += hist[o]!;
      hl += hist[o + 1]!;
      cl += hist[o + 2]!;
      if (b === nb - 1 && cm === 0) break;
      for (let side = 0; side < 2; side++) {
        const missingLeft = side === 1;
        if (missingLeft && (cm === 0 || b === nb - 1)) continue;
        const sg = missingLeft ? gl + gm : gl;
        const sh = missingLeft ? hl + hm : hl;
        const sc = missingLeft ? cl + cm : cl;
        const rc = C - sc;
        const rh = H - sh;
        if (sc < minLeafRows || rc < minLeafRows || sh < minLeafWeight || rh < minLeafWeight) continue;
        const rg = G - sg;
        const wl = clamp(-sg / (sh + l2), lo, hi);
        const wr = clamp(-rg / (rh + l2), lo, hi);
        if ((mono > 0 && wl > wr) || (mono < 0 && wl < wr)) continue;
        const gain = parentObjective - leafObjective(sg, sh, wl, l2) - leafObjective(rg, rh, wr, l2);
        if (gain > 1e-12 && (best === null || gain > best.gain))
          best = { gain, feature: f, bin: b, missingLeft: cm === 0 ? sh >= rh : missingLeft, gl: sg, hl: sh, cl: sc, wl, wr };
      }
    }
  }
  return best;
}

/** Grows a tree on rows[0, count) (the array is partitioned in place); `scratch` is as long as `rows`. */
export function growTree(
  data: GrowData,
  rows: Int32Array,
  count: number,
  scratch: Int32Array,
  active: Int32Array,
  params: GrowParams,
  pool: HistogramPool,
): GrownTree {
  const tree: GrownTree = {
    feature: [],
    threshold: [],
    missingLeft: [],
    left: [],
    right: [],
    value: [],
    cover: [],
    splitBin: [],
    leaves: [],
  };
  const addNode = (cover: number) => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.missingLeft.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    tree.cover.push(cover);
    tree.splitBin.push(-1);
    return tree.feature.length - 1;
  };
  const totals = (hist: Float64Array): [number, number, number] => {
    // Any one feature's bins hold every row once.
    const f = active[0]!;
    let g = 0;
    let h = 0;
    let c = 0;
    for (let b = 0; b < BINS; b++) {
      const o = (f * BINS + b) * STRIDE;
      g += hist[o]!;
      h += hist[o + 1]!;
      c += hist[o + 2]!;
    }
    return [g, h, c];
  };
  const canSplit = (leaf: Leaf) => (params.maxDepth <= 0 || leaf.depth < params.maxDepth) && leaf.c >= 2 * params.minLeafRows;

  const rootHist = pool.take();
  buildHistogram(data, rows, 0, count, active, rootHist);
  const [g0, h0, c0] = totals(rootHist);
  const root: Leaf = {
    node: addNode(h0),
    begin: 0,
    end: count,
    g: g0,
    h: h0,
    c: c0,
    depth: 0,
    lo: -Infinity,
    hi: Infinity,
    hist: rootHist,
    best: null,
  };
  root.best = canSplit(root) ? bestSplit(data, root, active, params) : null;
  const open: Leaf[] = [root];
  const done: Leaf[] = [];
  let leaves = 1;
  while (leaves < params.maxLeaves) {
    let pick = -1;
    for (let i = 0; i < open.length; i++) if (open[i]!.best && (pick < 0 || open[i]!.best!.gain > open[pick]!.best!.gain)) pick = i;
    if (pick < 0) break;
    const leaf = open.splice(pick, 1)[0]!;
    const split = leaf.best!;
    const f = split.feature;
    // Partition the leaf's rows: left first, in their original order (deterministic).
    const F = data.features;
    let nl = 0;
    let nr = 0;
    for (let i = leaf.begin; i < leaf.end; i++) {
      const r = rows[i]!;
      const bin = data.bins[r * F + f]!;
      const goLeft = bin === MISSING_BIN ? split.missingLeft : bin <= split.bin;
      if (goLeft) rows[leaf.begin + nl++] = r;
      else scratch[nr++] = r;
    }
    rows.set(scratch.subarray(0, nr), leaf.begin + nl);
    const mid = leaf.begin + nl;
    const gr = leaf.g - split.gl;
    const hr = leaf.h - split.hl;
    const cr = leaf.c - split.cl;
    let [llo, lhi, rlo, rhi] = [leaf.lo, leaf.hi, leaf.lo, leaf.hi];
    const mono = data.monotone[f]!;
    if (mono !== 0) {
      const m = (split.wl + split.wr) / 2;
      if (mono > 0) [lhi, rlo] = [m, m];
      else [llo, rhi] = [m, m];
    }
    const node = leaf.node;
    tree.feature[node] = f;
    tree.splitBin[node] = split.bin;
    const edges = data.edges[f]!;
    // The last value bin has no upper edge: the split is "not missing" vs "missing".
    tree.threshold[node] = split.bin < edges.length ? edges[split.bin]! : Number.MAX_VALUE;
    tree.missingLeft[node] = split.missingLeft ? 1 : 0;
    const leftNode = addNode(split.hl);
    const rightNode = addNode(hr);
    tree.left[node] = leftNode;
    tree.right[node] = rightNode;
    const smallerLeft = split.cl <= cr;
    const small = pool.take();
    if (smallerLeft) buildHistogram(data, rows, leaf.begin, mid, active, small);
    else buildHistogram(data, rows, mid, leaf.end, active, small);
    const large = leaf.hist;
    for (let a = 0; a < active.length; a++) {
      const from = active[a]! * BINS * STRIDE;
      const to = from + BINS * STRIDE;
      for (let o = from; o < to; o++) large[o]! -= small[o]!;
    }
    const left: Leaf = {
      node: leftNode,
      begin: leaf.begin,
      end: mid,
      g: split.gl,
      h: split.hl,
      c: split.cl,
      depth: leaf.depth + 1,
      lo: llo,
      hi: lhi,
      hist: smallerLeft ? small : large,
      best: null,
    };
    const right: Leaf = {
      node: rightNode,
      begin: mid,
      end: leaf.end,
      g: gr,
      h: hr,
      c: cr,
      depth: leaf.depth + 1,
      lo: rlo,
      hi: rhi,
      hist: smallerLeft ? large : small,
      best: null,
    };
    for (const child of [left, right]) {
      child.best = canSplit(child) ? bestSplit(data, child, active, params) : null;
      open.push(child);
    }
    leaves++;
  }
  for (const leaf of [...open, ...done]) {
    pool.give(leaf.hist);
    tree.value[leaf.node] = params.learningRate * clamp(-leaf.g / (leaf.h + params.l2), leaf.lo, leaf.hi);
    tree.leaves.push({ node: leaf.node, begin: leaf.begin, end: leaf.end });
  }
  return tree;
}
