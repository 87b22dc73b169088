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
import { ShapKernels } from './shap-kernels.ts';
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
/** Answers kept per tree (a tree whose rows spread over more cells explains the rest without keeping them; under 65,536, as the 16-bit key tables need). */
const MAX_ENTRIES_PER_TREE = 4096;
/**
 * A tree with at most this many splits finds its answer through a table indexed by the key itself
 * (a 16-bit slot per possible key) instead of a Map: a Map look-up cost several times the key's
 * comparisons, and it ran once per tree and row (Taiwan champion, 151 trees of up to 14 splits).
 */
const MAX_DENSE_SPLITS = 16;
/** Slots all of a model's tables may hold together (32 MiB); trees past it keep a Map. */
const DENSE_SLOT_BUDGET = 1 << 24;

export class MemoTreeShap {
  private readonly shap: TreeShap;
  // Per tree, flat over the model (one typed array each, read in order: a row visits every tree):
  // its splits (the key's bits, in order) as feature, threshold and missing side; the features they
  // split on, distinct; the place of its key table among the key slots (-1: a Map instead), and its answers.
  private readonly splitStart: Int32Array;
  private readonly splitFeature: Int32Array;
  private readonly splitThreshold: Float64Array;
  private readonly splitMissingLeft: Uint8Array;
  private readonly usedStart: Int32Array;
  private readonly usedFeature: Int32Array;
  /**
   * Where (in u16s of the kernels' memory) the key tables lie: each key's answer number + 1 (0: not
   * computed yet; at most MAX_ENTRIES_PER_TREE, so 16 bits hold it), tree after tree. In the kernels'
   * memory so the block's look-ups run there too. Half the bytes of 32-bit slots: a block looks up
   * each tree's keys once, and a 14-split tree's table (16,384 keys) is then 32 KiB to bring into the
   * cache, not 64.
   */
  private readonly slotBase: number;
  private readonly slotStart: Int32Array;
  /** The block path's kernels, and the memory they share with the answers below (shap-kernels.ts). */
  private readonly kernels: ShapKernels;
  /**
   * Per tree with a key table: its answers in the kernels' memory, feature-major (used feature j of
   * answer k at answerAt + j x capacity + k, in doubles; the leaf's value its last run, j = width),
   * how many, and room for how many.
   */
  private readonly answerAt: Int32Array;
  private readonly answerCount: Int32Array;
  private readonly answerCapacity: Int32Array;
  /** Per tree without a key table (too many splits for one): answers by key. */
  private readonly cache: Map<number, Float64Array>[] = [];
  private scratch = new Float64Array(0);
  /** Per feature the model splits on: its distinct thresholds, ascending, and its place value in a row's cell number. */
  private readonly cutFeatures: Int32Array;
  private readonly cuts: Float64Array[];
  private readonly placeValue: Float64Array;
  private readonly rows = new Map<number, Float64Array>();
  private rowEntries = 0;
  private rowScratch = new Float64Array(0);
  private pendingRows = new Int32Array(0);
  private pendingCells = new Float64Array(0);

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
    const splitNodes: number[] = [];
    const used: number[] = [];
    this.splitStart = new Int32Array(e.trees + 1);
    this.usedStart = new Int32Array(e.trees + 1);
    this.slotStart = new Int32Array(e.trees).fill(-1);
    this.answerAt = new Int32Array(e.trees);
    this.answerCount = new Int32Array(e.trees);
    this.answerCapacity = new Int32Array(e.trees);
    let slotCount = 0;
    for (let t = 0; t < e.trees; t++) {
      const end = t + 1 < e.trees ? e.roots[t + 1]! : total;
      const treeFeatures = new Set<number>();
      let splits = 0;
      for (let node = e.roots[t]!; node < end; node++) {
        if (e.feature[node]! < 0) continue;
        splitNodes.push(node);
        treeFeatures.add(e.feature[node]!);
        splits++;
      }
      this.splitStart[t + 1] = splitNodes.length;
      used.push(...[...treeFeatures].sort((a, b) => a - b));
      this.usedStart[t + 1] = used.length;
      if (splits <= MAX_DENSE_SPLITS && slotCount + (1 << splits) <= DENSE_SLOT_BUDGET) {
        this.slotStart[t] = slotCount;
        slotCount += 1 << splits;
      }
      this.cache.push(new Map());
    }
    this.splitFeature = Int32Array.from(splitNodes, (node) => e.feature[node]!);
    this.splitThreshold = Float64Array.from(splitNodes, (node) => e.threshold[node]!);
    this.splitMissingLeft = Uint8Array.from(splitNodes, (node) => e.missingLeft[node]!);
    this.usedFeature = Int32Array.from(used);
    this.kernels = new ShapKernels(this.splitFeature, this.splitThreshold, this.splitMissingLeft, this.usedFeature);
    const slotBytes = this.kernels.allocate(slotCount * 2);
    if (slotBytes < 0) throw new Error(`TreeSHAP: no memory for ${slotCount} key slots`);
    this.slotBase = slotBytes / 2; // fresh memory: every slot 0
  }

  /** Adds the row's Shapley values to phi[phiBase + f], as TreeShap.explainRow (to rounding: see above). */
  explainRow(values: Float64Array, row: number, features: number, phi: Float64Array, phiBase: number): void {
    if (!this.keepsRows) {
      this.explainTrees(values, row, features, phi, phiBase);
      return;
    }
    const cell = this.cellOf(values, row, features);
    let answer = this.rows.get(cell);
    if (!answer) {
      if (this.rowScratch.length < features) this.rowScratch = new Float64Array(features);
      const scratch = this.rowScratch;
      scratch.fill(0, 0, features);
      this.explainTrees(values, row, features, scratch, 0);
      answer = scratch.slice(0, features);
      this.rememberRow(cell, answer);
    }
    for (let f = 0; f < features; f++) phi[phiBase + f]! += answer[f]!;
  }

  /**
   * Rows `start` to `start + count - 1`, each row's Shapley values added to `phi[(row - start) * features + f]`
   * (zeroed by the caller): the same bits as explainRow row by row, computed tree after tree over the
   * block instead of row after row. Row by row, each of a row's ~150 look-ups landed in another tree's
   * key table and answers (megabytes together) and mostly missed the cache: 400 ns a tree, 60 µs a row
   * on the Taiwan champion. Tree after tree, the keys are computed split by split over the rows, then
   * the answers added feature by feature along the rows (sequential sums; the tree's answers, a few
   * hundred KB, stay in cache while the block visits them). The block's values are copied
   * feature-major first, so a split's pass reads one contiguous column, and the loops run in
   * WebAssembly (shap-kernels.ts): 3.4 µs a row against 12.6 in JavaScript reading the rows as they
   * lie, on the Taiwan champion (bench/tree-shap-block.ts, one thread, warm). Each row still adds its
   * trees in order from zero, so the sums are the same.
   *
   * With `logits`, row k's log-odds are written at logits[k]: the base score plus each tree's leaf in
   * tree order, as the scorers add them (the same bits); a tree's leaf comes with its remembered answer
   * (the key that finds the answer names the leaf), so the rows are not walked a second time.
   */
  explainBlock(values: Float64Array, start: number, count: number, features: number, phi: Float64Array, logits?: Float64Array): void {
    const rowCache = this.keepsRows;
    // The rows still to explain (not found whole in the row cache), and their cells.
    const pending = this.pendingRows.length >= count ? this.pendingRows : (this.pendingRows = new Int32Array(count));
    const cells = this.pendingCells.length >= count ? this.pendingCells : (this.pendingCells = new Float64Array(count));
    let todo = 0;
    for (let k = 0; k < count; k++) {
      const row = start + k;
      if (!rowCache) {
        pending[todo++] = k;
        continue;
      }
      const cell = this.cellOf(values, row, features);
      const answer = this.rows.get(cell);
      if (answer) {
        for (let f = 0; f < features; f++) phi[k * features + f]! += answer[f]!;
        if (logits) {
          let sum = this.e.baseScore;
          for (let t = 0; t < this.e.trees; t++) sum += this.leafValue(t, values, row, features);
          logits[k] = sum;
        }
      } else {
        cells[todo] = cell;
        pending[todo++] = k;
      }
    }
    if (todo === 0) return;
    const { splitStart, usedStart, usedFeature, slotBase, slotStart, kernels } = this;
    // In the kernels' memory: the pending rows' values and sums feature-major (feature f of pending row
    // p at f x stride + p and f x todo + p), a split's pass reading one column and a tree's answers
    // added one feature at a time along the rows; each row's place in the tree's answers (or -1).
    const block = kernels.block(todo, features);
    const stride = Math.ceil(todo / 4) * 4;
    let heap = kernels.f64;
    const columns = block.columnsAt / 8;
    const sums = block.sumsAt / 8;
    const keys = block.keysAt / 4;
    const offsets = block.offsetsAt / 4;
    const leaves = block.logitsAt / 8;
    heap.fill(0, sums, sums + todo * features);
    heap.fill(this.e.baseScore, leaves, leaves + todo);
    for (let p = 0; p < todo; p++) {
      const base = (start + pending[p]!) * features;
      for (let f = 0; f < features; f++) heap[columns + f * stride + p] = values[base + f]!;
    }
    for (let t = 0; t < this.e.trees; t++) {
      const u0 = usedStart[t]!;
      const width = usedStart[t + 1]! - u0;
      const s0 = splitStart[t]!;
      const splits = splitStart[t + 1]! - s0;
      const table = slotStart[t]!;
      const keyed = splits <= MAX_KEYED_SPLITS;
      if (keyed) kernels.splitKeys(block, stride, s0, splits);
      // Rows whose answer the tree's table holds: its place, added below by the kernel; the rest (a
      // Map's answer, or one computed now) are added at once, still within this tree's turn. With a
      // table, a kernel finds the places (found: how many), and only rows left without one come here.
      const tabled = keyed && table >= 0;
      let found = tabled ? kernels.slotOffsets(block, todo, (slotBase + table) * 2) : 0;
      let i32 = kernels.i32;
      for (let p = 0; p < todo && !(tabled && found === todo); p++) {
        if (tabled && i32[offsets + p]! >= 0) continue;
        i32[offsets + p] = -1;
        const key = keyed ? i32[keys + p]! : -1;
        let answer: Float64Array | undefined;
        if (keyed) {
          if (tabled) {
            // Kept since the kernel looked (by a row before this one in the block)?
            const slot = kernels.u16[slotBase + table + key]!;
            if (slot > 0) {
              i32[offsets + p] = slot - 1;
              found++;
              continue;
            }
          } else answer = this.cache[t]!.get(key);
        }
        if (!answer) {
          answer = this.computeAnswer(t, key, values, start + pending[p]!, features);
          // Remembering it may have grown the memory.
          heap = kernels.f64;
          i32 = kernels.i32;
        }
        for (let j = 0; j < width; j++) heap[sums + usedFeature[u0 + j]! * todo + p]! += answer[j]!;
        heap[leaves + p]! += answer[width]!;
      }
      if (found > 0) {
        const capacity = this.answerCapacity[t]!;
        const staged = kernels.staging(capacity * (width + 1));
        heap = kernels.f64;
        heap.copyWithin(staged / 8, this.answerAt[t]!, this.answerAt[t]! + capacity * (width + 1));
        kernels.addAnswers(block, todo, staged, capacity, width, u0);
        kernels.addLeaves(block, todo, staged + capacity * width * 8);
      }
    }
    // The pending rows' sums into phi (zero there: 0 + sum is the sum, as explainRow's row is).
    for (let p = 0; p < todo; p++) {
      const out = pending[p]! * features;
      for (let f = 0; f < features; f++) phi[out + f]! += heap[sums + f * todo + p]!;
    }
    if (logits) for (let p = 0; p < todo; p++) logits[pending[p]!] = heap[leaves + p]!;
    if (!rowCache) return;
    // Whole rows remembered as explainRow remembers them (a row's sum from zero is the row's phi here).
    for (let p = 0; p < todo; p++) {
      const cell = cells[p]!;
      if (this.rows.has(cell) || this.rowEntries + features > ROW_CACHE_DOUBLES) continue; // no copy once full
      const k = pending[p]!;
      this.rememberRow(cell, phi.slice(k * features, (k + 1) * features));
    }
  }

  /** Whether whole rows are remembered: the model's cells fit a number (or it has no split at all). */
  private get keepsRows(): boolean {
    return this.placeValue.length > 0 || this.cutFeatures.length === 0;
  }

  /** Remembers a whole row's answer while the row cache has room. */
  private rememberRow(cell: number, answer: Float64Array): void {
    if (this.rowEntries + answer.length > ROW_CACHE_DOUBLES) return;
    this.rows.set(cell, answer);
    this.rowEntries += answer.length;
  }

  /** The value of the leaf the row reaches in tree `t` (the walk the scorers make: the same comparisons). */
  private leafValue(t: number, values: Float64Array, row: number, features: number): number {
    const { feature, threshold, missingLeft, left, right, value } = this.e;
    const base = row * features;
    let node = this.e.roots[t]!;
    for (let f = feature[node]!; f >= 0; f = feature[node]!) {
      const x = values[base + f]!;
      node = x < threshold[node]! || (x !== x && missingLeft[node] === 1) ? left[node]! : right[node]!;
    }
    return value[node]!;
  }

  /**
   * Tree `t`'s exact answer for the row (its used features' values, then its leaf's value), remembered
   * under its key (-1: none).
   */
  private computeAnswer(t: number, key: number, values: Float64Array, row: number, features: number): Float64Array {
    if (this.scratch.length < features) this.scratch = new Float64Array(features);
    const scratch = this.scratch;
    const u0 = this.usedStart[t]!;
    const width = this.usedStart[t + 1]! - u0;
    // The used features' values, then the leaf the row reaches (its log-odds in the tree).
    const answer = new Float64Array(width + 1);
    this.shap.explainTree(t, values, row, features, scratch, 0);
    answer[width] = this.leafValue(t, values, row, features);
    for (let j = 0; j < width; j++) {
      const f = this.usedFeature[u0 + j]!;
      answer[j] = scratch[f]!;
      scratch[f] = 0;
    }
    if (key >= 0) this.keep(t, key, answer);
    return answer;
  }

  /** A row's cell: per feature the model splits on, which of its threshold ranges the value is in. */
  private cellOf(values: Float64Array, row: number, features: number): number {
    const place = this.placeValue;
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
    return cell;
  }

  /** The trees one by one, each tree's answer remembered per cell of its splits. */
  private explainTrees(values: Float64Array, row: number, features: number, phi: Float64Array, phiBase: number): void {
    const { splitStart, splitFeature, splitThreshold, splitMissingLeft, usedStart, usedFeature, slotBase, slotStart } = this;
    const base = row * features;
    for (let t = 0; t < this.e.trees; t++) {
      const u0 = usedStart[t]!;
      const width = usedStart[t + 1]! - u0;
      const s0 = splitStart[t]!;
      const splits = splitStart[t + 1]! - s0;
      let key = -1;
      if (splits <= MAX_KEYED_SPLITS) {
        key = 0;
        for (let i = 0; i < splits; i++) {
          const x = values[base + splitFeature[s0 + i]!]!;
          if (x < splitThreshold[s0 + i]! || (Number.isNaN(x) && splitMissingLeft[s0 + i] === 1)) key |= 1 << i;
        }
        const table = slotStart[t]!;
        if (table >= 0) {
          // The usual way: the answer's doubles in the tree's flat store.
          const slot = this.kernels.u16[slotBase + table + key]!;
          if (slot > 0) {
            const heap = this.kernels.f64;
            const capacity = this.answerCapacity[t]!;
            const at = this.answerAt[t]! + slot - 1;
            for (let j = 0; j < width; j++) phi[phiBase + usedFeature[u0 + j]!]! += heap[at + j * capacity]!;
            continue;
          }
        } else {
          const answer = this.cache[t]!.get(key);
          if (answer) {
            for (let j = 0; j < width; j++) phi[phiBase + usedFeature[u0 + j]!]! += answer[j]!;
            continue;
          }
        }
      }
      const answer = this.computeAnswer(t, key, values, row, features);
      for (let j = 0; j < width; j++) phi[phiBase + usedFeature[u0 + j]!]! += answer[j]!;
    }
  }

  /** Remembers a tree's answer for a key, while the tree keeps fewer than MAX_ENTRIES_PER_TREE. */
  private keep(t: number, key: number, answer: Float64Array): void {
    const table = this.slotStart[t]!;
    if (table < 0) {
      if (this.cache[t]!.size < MAX_ENTRIES_PER_TREE) this.cache[t]!.set(key, answer);
      return;
    }
    const count = this.answerCount[t]!;
    if (count >= MAX_ENTRIES_PER_TREE) return;
    const runs = answer.length; // the used features' and the leaf's
    let capacity = this.answerCapacity[t]!;
    if (count === capacity) {
      // Room for twice as many (16 at first), each run moved to its new place.
      const grown = Math.max(16, 2 * capacity);
      const bytes = this.kernels.allocate(grown * runs * 8);
      if (bytes < 0) return; // no more memory: the answer is not kept (it is computed again when needed)
      const at = bytes / 8;
      const heap = this.kernels.f64;
      const from = this.answerAt[t]!;
      for (let j = 0; j < runs; j++) heap.copyWithin(at + j * grown, from + j * capacity, from + j * capacity + count);
      this.answerAt[t] = at;
      this.answerCapacity[t] = capacity = grown;
    }
    const heap = this.kernels.f64;
    const at = this.answerAt[t]!;
    for (let j = 0; j < runs; j++) heap[at + j * capacity + count] = answer[j]!;
    this.answerCount[t] = count + 1;
    this.kernels.u16[this.slotBase + table + key] = count + 1;
  }
}
