/**
 * Grows one tree leaf-wise on binned data: histograms of gradient, hessian and row count per feature
 * and bin; each split tries every bin boundary with missing values on either side; the larger child's
 * histogram is its parent's minus the smaller child's (the subtraction trick). Monotone constraints
 * bound the children's values at the midpoint of a constrained split, so no later split can reverse it.
 */
import { MISSING_BIN } from './binning.ts';
import { BINS, type Histogram, type ScanLimits, type TrainingMemory } from './histogram.ts';

export interface GrowParams {
  learningRate: number;
  maxLeaves: number;
  maxDepth: number;
  minLeafRows: number;
  minLeafWeight: number;
  l2: number;
}

export interface GrowData {
  /** Bins (row-major), gradient/hessian pairs, the rows array and the histogram kernel. */
  memory: TrainingMemory;
  features: number;
  /** Value bins per feature (edges + 1). */
  valueBins: Int32Array;
  /** Real thresholds per feature: edges[f][b] ends value bin b. */
  edges: Float64Array[];
  monotone: Int8Array;
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
  hist: Histogram;
  best: Split | null;
}

function clamp(w: number, lo: number, hi: number): number {
  return w < lo ? lo : w > hi ? hi : w;
}

/** The loss term of a leaf holding value w: G w + (H + l2) w^2 / 2 (lower is better). */
function leafObjective(g: number, h: number, w: number, l2: number): number {
  return g * w + 0.5 * (h + l2) * w * w;
}

/** Split limits and the scan's best so far (fields overwritten on each improvement; no allocation per candidate). */
interface Scan extends Split, ScanLimits {}

/** One candidate: rows with sums (sg, sh, sc) go left, the rest right. */
function consider(s: Scan, sg: number, sh: number, sc: number, mono: number, feature: number, bin: number, missingLeft: boolean): void {
  const rc = s.C - sc;
  const rh = s.H - sh;
  if (sc < s.minLeafRows || rc < s.minLeafRows || sh < s.minLeafWeight || rh < s.minLeafWeight) return;
  const rg = s.G - sg;
  const wl = clamp(-sg / (sh + s.l2), s.lo, s.hi);
  const wr = clamp(-rg / (rh + s.l2), s.lo, s.hi);
  if ((mono > 0 && wl > wr) || (mono < 0 && wl < wr)) return;
  const gain = s.parentObjective - leafObjective(sg, sh, wl, s.l2) - leafObjective(rg, rh, wr, s.l2);
  // Strictly better (and above 1e-12, the starting gain): the first of equal candidates wins.
  if (!(gain > s.gain)) return;
  s.gain = gain;
  s.feature = feature;
  s.bin = bin;
  s.missingLeft = missingLeft;
  s.gl = sg;
  s.hl = sh;
  s.cl = sc;
  s.wl = wl;
  s.wr = wr;
}

function bestSplit(data: GrowData, leaf: Leaf, active: Int32Array, params: GrowParams): Split | null {
  const { sums, counts } = leaf.hist;
  const { g: G, h: H, c: C, lo, hi } = leaf;
  const { l2, minLeafRows, minLeafWeight } = params;
  const parentObjective = leafObjective(G, H, clamp(-G / (H + l2), lo, hi), l2);
  const s: Scan = {
    G,
    H,
    C,
    lo,
    hi,
    l2,
    minLeafRows,
    minLeafWeight,
    parentObjective,
    gain: 1e-12,
    feature: -1,
    bin: 0,
    missingLeft: false,
    gl: 0,
    hl: 0,
    cl: 0,
    wl: 0,
    wr: 0,
  };
  const { memory } = data;
  if (memory.canScan(leaf.hist)) {
    const out = memory.scanOut;
    for (let a = 0; a < active.length; a++) {
      const f = active[a]!;
      if (!memory.scanFeature(leaf.hist, f, data.valueBins[f]!, data.monotone[f]!, s, s.gain)) continue;
      s.gain = out[0]!;
      s.feature = f;
      s.bin = out[1]!;
      s.missingLeft = out[2] === 1;
      s.gl = out[3]!;
      s.hl = out[4]!;
      s.cl = out[5]!;
      s.wl = out[6]!;
      s.wr = out[7]!;
    }
    return s.feature < 0
      ? null
      : { gain: s.gain, feature: s.feature, bin: s.bin, missingLeft: s.missingLeft, gl: s.gl, hl: s.hl, cl: s.cl, wl: s.wl, wr: s.wr };
  }
  for (let a = 0; a < active.length; a++) {
    const f = active[a]!;
    const nb = data.valueBins[f]!;
    const mono = data.monotone[f]!;
    const base = f * BINS;
    const mo = base + MISSING_BIN;
    const gm = sums[2 * mo]!;
    const hm = sums[2 * mo + 1]!;
    const cm = counts[mo]!;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    // Split after bin b (b = nb - 1: every value left, missing right); missing right, then left.
    for (let b = 0; b < nb; b++) {
      const o = base + b;
      const dg = sums[2 * o]!;
      const dh = sums[2 * o + 1]!;
      const dc = counts[o]!;
      gl += dg;
      hl += dh;
      cl += dc;
      if (b === nb - 1) {
        if (cm !== 0) consider(s, gl, hl, cl, mono, f, b, false);
        break;
      }
      // An empty bin leaves the sums as they were: its candidates repeat the previous bin's, which
      // cannot be strictly better (deep leaves have few rows, so most of their bins are empty).
      if (b > 0 && dg === 0 && dh === 0 && dc === 0) continue;
      // With no missing values either side is as good: they follow the larger hessian.
      if (cm === 0) consider(s, gl, hl, cl, mono, f, b, hl >= H - hl);
      else {
        consider(s, gl, hl, cl, mono, f, b, false);
        consider(s, gl + gm, hl + hm, cl + cm, mono, f, b, true);
      }
    }
  }
  if (s.feature < 0) return null;
  return { gain: s.gain, feature: s.feature, bin: s.bin, missingLeft: s.missingLeft, gl: s.gl, hl: s.hl, cl: s.cl, wl: s.wl, wr: s.wr };
}

/** Grows a tree on the memory's rows[0, count) (partitioned in place). */
export function growTree(data: GrowData, count: number, active: Int32Array, params: GrowParams): GrownTree {
  const { memory } = data;
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
  const totals = (hist: Histogram): [number, number] => {
    // Any one feature's bins hold every row once.
    const f = active[0]!;
    let g = 0;
    let h = 0;
    for (let b = 0; b < BINS; b++) {
      const o = f * BINS + b;
      g += hist.sums[2 * o]!;
      h += hist.sums[2 * o + 1]!;
    }
    return [g, h];
  };
  const canSplit = (leaf: Leaf) => (params.maxDepth <= 0 || leaf.depth < params.maxDepth) && leaf.c >= 2 * params.minLeafRows;

  // Per-bin row counts only matter for a row minimum; without one the kernel keeps just the missing counts.
  const withCounts = params.minLeafRows > 0;
  const rootHist = memory.take();
  memory.build(0, count, active, rootHist, withCounts);
  const [g0, h0] = totals(rootHist);
  const c0 = count;
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
    const nl = memory.partition(leaf.begin, leaf.end, f, split.bin, split.missingLeft);
    const mid = leaf.begin + nl;
    const gr = leaf.g - split.gl;
    const hr = leaf.h - split.hl;
    // Child row counts from the partition (the histogram's per-bin counts may be absent).
    const cl = nl;
    const cr = leaf.c - nl;
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
    const smallerLeft = cl <= cr;
    const small = memory.take();
    if (smallerLeft) memory.build(leaf.begin, mid, active, small, withCounts);
    else memory.build(mid, leaf.end, active, small, withCounts);
    const large = leaf.hist;
    memory.subtract(large, small);
    const left: Leaf = {
      node: leftNode,
      begin: leaf.begin,
      end: mid,
      g: split.gl,
      h: split.hl,
      c: cl,
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
    memory.give(leaf.hist);
    tree.value[leaf.node] = params.learningRate * clamp(-leaf.g / (leaf.h + params.l2), leaf.lo, leaf.hi);
    tree.leaves.push({ node: leaf.node, begin: leaf.begin, end: leaf.end });
  }
  return tree;
}
