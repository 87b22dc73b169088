/**
 * TreeSHAP for many rows, remembering each tree's answer. A tree's path-dependent Shapley values depend
 * on the row only through the side it takes at each of the tree's splits (the recursion reads the row
 * nowhere else), so the tree's internal nodes' decisions, as bits, key its answer: with at most a few
 * dozen splits per tree and rows that fall into few of the possible cells, a batch of rows costs a
 * handful of exact explanations per tree plus one table look-up per row and tree. Each tree's values are
 * computed from zero and then added to the row's, cached or not, so the result never depends on what
 * the cache held: the same row gives the same bits every time.
 */
import type { FlatEnsemble } from './ensemble.ts';
import { TreeShap } from './tree-shap.ts';

/**
 * Whole rows are remembered too, when the model's thresholds split each feature into few enough
 * ranges that a row's cell (its range per feature) fits a number: a row in a seen cell costs one
 * binary search per feature and one look-up. A cell's answer is the per-tree answers added in order
 * from zero, as a cold row's are, so it is the same bits either way.
 */
const MAX_ROW_CELLS = 2 ** 52;
/** Doubles kept for whole-row answers (16 MiB). */
const ROW_CACHE_DOUBLES = 1 << 21;

/** Splits per tree beyond which its decisions no longer fit a 31-bit key (it is then explained row by row). */
const MAX_KEYED_SPLITS = 31;
/** Answers kept per tree (a tree whose rows spread over more cells explains the rest without keeping them). */
const MAX_ENTRIES_PER_TREE = 4096;

export class MemoTreeShap {
  private readonly shap: TreeShap;
  /** Per tree: its internal nodes (the key's bits, in order) and the features they split on, distinct. */
  private readonly splits: Int32Array[] = [];
  private readonly used: Int32Array[] = [];
  private readonly cache: Map<number, Float64Array>[] = [];
  private scratch = new Float64Array(0);
  /** Per feature the model splits on: its distinct thresholds, ascending, and its place value in a row's cell number. */
  private readonly cutFeatures: Int32Array;
  private readonly cuts: Float64Array[];
  private readonly placeValue: Float64Array;
  private readonly rows = new Map<number, Float64Array>();
  private rowEntries = 0;
  private rowScratch = new Float64Array(0);

  constructor(private readonly e: FlatEnsemble) {
    this.shap = new TreeShap(e);
    const total = e.feature.length;
    const thresholds = new Map<number, Set<number>>();
    for (let node = 0; node < total; node++) {
      const f = e.feature[node]!;
      if (f < 0) continue;
      if (!thresholds.has(f)) thresholds.set(f, new Set());
      thresholds.get(f)!.add(e.threshold[node]!);
    }
    const features = [...thresholds.keys()].sort((a, b) => a - b);
    this.cutFeatures = Int32Array.from(features);
    this.cuts = features.map((f) => Float64Array.from([...thresholds.get(f)!].sort((a, b) => a - b)));
    this.placeValue = new Float64Array(features.length);
    let cells = 1;
    features.forEach((_, i) => {
      this.placeValue[i] = cells;
      // Ranges: missing, below the first threshold, ..., at or above the last.
      cells *= this.cuts[i]!.length + 2;
    });
    if (cells > MAX_ROW_CELLS) this.placeValue = new Float64Array(0);
    for (let t = 0; t < e.trees; t++) {
      const end = t + 1 < e.trees ? e.roots[t + 1]! : total;
      const nodes: number[] = [];
      const features = new Set<number>();
      for (let node = e.roots[t]!; node < end; node++) {
        if (e.feature[node]! < 0) continue;
        nodes.push(node);
        features.add(e.feature[node]!);
      }
      this.splits.push(Int32Array.from(nodes));
      this.used.push(Int32Array.from([...features].sort((a, b) => a - b)));
      this.cache.push(new Map());
    }
  }

  /** Adds the row's Shapley values to phi[phiBase + f], as TreeShap.explainRow (to rounding: see above). */
  explainRow(values: Float64Array, row: number, features: number, phi: Float64Array, phiBase: number): void {
    const place = this.placeValue;
    if (place.length === 0 && this.cutFeatures.length > 0) {
      this.explainTrees(values, row, features, phi, phiBase);
      return;
    }
    const base = row * features;
    let cell = 0;
    for (let i = 0; i < place.length; i++) {
      const x = values[base + this.cutFeatures[i]!]!;
      let range = 0;
      if (x === x) {
        // 1 + the number of thresholds <= x: every split on this feature decides alike within a range.
        const cuts = this.cuts[i]!;
        let lo = 0;
        let hi = cuts.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cuts[mid]! <= x) lo = mid + 1;
          else hi = mid;
        }
        range = lo + 1;
      }
      cell += range * place[i]!;
    }
    let answer = this.rows.get(cell);
    if (!answer) {
      if (this.rowScratch.length < features) this.rowScratch = new Float64Array(features);
      const scratch = this.rowScratch;
      scratch.fill(0, 0, features);
      this.explainTrees(values, row, features, scratch, 0);
      answer = scratch.slice(0, features);
      if (this.rowEntries + features <= ROW_CACHE_DOUBLES) {
        this.rows.set(cell, answer);
        this.rowEntries += features;
      }
    }
    for (let f = 0; f < features; f++) phi[phiBase + f]! += answer[f]!;
  }

  /** The trees one by one, each tree's answer remembered per cell of its splits. */
  private explainTrees(values: Float64Array, row: number, features: number, phi: Float64Array, phiBase: number): void {
    const e = this.e;
    if (this.scratch.length < features) this.scratch = new Float64Array(features);
    const scratch = this.scratch;
    const base = row * features;
    for (let t = 0; t < e.trees; t++) {
      const splits = this.splits[t]!;
      const used = this.used[t]!;
      let answer: Float64Array | undefined;
      let key = -1;
      if (splits.length <= MAX_KEYED_SPLITS) {
        key = 0;
        for (let i = 0; i < splits.length; i++) {
          const node = splits[i]!;
          const x = values[base + e.feature[node]!]!;
          if (x < e.threshold[node]! || (Number.isNaN(x) && e.missingLeft[node] === 1)) key |= 1 << i;
        }
        answer = this.cache[t]!.get(key);
      }
      if (!answer) {
        this.shap.explainTree(t, values, row, features, scratch, 0);
        answer = new Float64Array(used.length);
        for (let j = 0; j < used.length; j++) {
          answer[j] = scratch[used[j]!]!;
          scratch[used[j]!] = 0;
        }
        if (key >= 0 && this.cache[t]!.size < MAX_ENTRIES_PER_TREE) this.cache[t]!.set(key, answer);
      }
      for (let j = 0; j < used.length; j++) phi[phiBase + used[j]!]! += answer[j]!;
    }
  }
}
