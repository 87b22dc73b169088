/**
 * Histogram binning for the trees: at most 255 value bins per feature, edges fitted on (a seeded
 * sample of) the training rows and stored in the model; bin 255 holds missing values.
 */
export const MISSING_BIN = 255;
export const MAX_VALUE_BINS = 255;
/** Rows used to place the edges (as LightGBM's bin_construct_sample_cnt): quantiles need no more. */
const EDGE_SAMPLE = 200_000;

/** Edges between value bins: midpoints between neighbouring distinct values, at quantiles when there are too many. */
export function fitEdges(values: Float64Array, maxBins: number): number[] {
  // Typed-array sort (native, numeric) puts NaN last: cut the missing values off the end.
  const all = Float64Array.from(values).sort();
  let n = all.length;
  while (n > 0 && Number.isNaN(all[n - 1]!)) n--;
  const sorted = all.subarray(0, n);
  if (n === 0) return [];
  const distinct: number[] = [sorted[0]!];
  for (let i = 1; i < n && distinct.length <= maxBins; i++) if (sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  if (distinct.length <= maxBins) return distinct.slice(1).map((b, i) => midpoint(distinct[i]!, b));
  const edges: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const b = sorted[Math.floor((k * n) / maxBins)]!;
    const a = largestBelow(sorted, b);
    if (a === null) continue;
    const edge = midpoint(a, b);
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return edges;
}

function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  // Guard against rounding onto the lower value: v < edge must send a left and b right.
  return m > a ? m : b;
}

function largestBelow(sorted: Float64Array, b: number): number | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < b) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : sorted[lo - 1]!;
}

/** Value bin of v: the number of edges <= v; MISSING_BIN for NaN. */
export function binOf(edges: Float64Array, v: number): number {
  if (Number.isNaN(v)) return MISSING_BIN;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Picks the rows used to fit edges: all of them up to EDGE_SAMPLE, else a seeded stride-free sample. */
export function edgeSampleRows(n: number, random: () => number): Int32Array {
  if (n <= EDGE_SAMPLE) return Int32Array.from({ length: n }, (_, i) => i);
  // Reservoir-free: one pass keeps each row with probability EDGE_SAMPLE / n.
  const keep: number[] = [];
  const p = EDGE_SAMPLE / n;
  for (let i = 0; i < n; i++) if (random() < p) keep.push(i);
  return Int32Array.from(keep);
}

/** Rows x features of bin codes, row-major. `values` is rows x features, row-major (read in order: one pass). */
export function binMatrix(
  values: Float64Array,
  rows: number,
  edges: Float64Array[],
  out: Uint8Array = new Uint8Array(rows * edges.length),
): Uint8Array {
  const F = edges.length;
  for (let r = 0; r < rows; r++) {
    const base = r * F;
    for (let f = 0; f < F; f++) {
      const v = values[base + f]!;
      if (Number.isNaN(v)) {
        out[base + f] = MISSING_BIN;
        continue;
      }
      // Branch-free binary search (random values make a branching one mispredict at every step).
      const e = edges[f]!;
      let lo = 0;
      let len = e.length;
      while (len > 1) {
        const half = len >>> 1;
        lo += +(e[lo + half - 1]! <= v) * half;
        len -= half;
      }
      out[base + f] = lo + (len === 1 ? +(e[lo]! <= v) : 0);
    }
  }
  return out;
}

/** Row-major rows x features bins to column-major (features x rows), in row blocks that stay in cache. */
export function transposeBins(bins: Uint8Array, rows: number, F: number, out: Uint8Array = new Uint8Array(rows * F)): Uint8Array {
  const BLOCK = 4096;
  for (let r0 = 0; r0 < rows; r0 += BLOCK) {
    const r1 = Math.min(rows, r0 + BLOCK);
    for (let f = 0; f < F; f++) {
      const o = f * rows;
      for (let r = r0; r < r1; r++) out[o + r] = bins[r * F + f]!;
    }
  }
  return out;
}
