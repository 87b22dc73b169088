// Helpers built on native typed-array sorting, which is far faster than sorting an index
// array with a comparator on million-row inputs.

export interface ClassScores {
  /** Scores of defaults (label 1), in row order. */
  pos: Float64Array;
  /** Scores of non-defaults (label 0), in row order. */
  neg: Float64Array;
}

export function splitByLabel(y: Uint8Array, s: Float64Array): ClassScores {
  let nPos = 0;
  for (let i = 0; i < y.length; i++) nPos += y[i]!;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(y.length - nPos);
  let p = 0;
  let q = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) pos[p++] = s[i]!;
    else neg[q++] = s[i]!;
  }
  return { pos, neg };
}

export function requireBothClasses(metric: string, classes: ClassScores, minEach = 1): void {
  if (classes.pos.length < minEach || classes.neg.length < minEach) {
    const what = minEach === 1 ? 'at least one' : `at least ${minEach}`;
    throw new RangeError(
      `${metric} needs ${what} default (label 1) and non-default (label 0) in labels; ` +
        `got ${classes.pos.length} defaults and ${classes.neg.length} non-defaults`,
    );
  }
}

/** Sorted copy, ascending. */
export function sortedCopy(values: Float64Array): Float64Array {
  return values.slice().sort();
}

/** Index of the first element >= x in an ascending array. */
export function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > x in an ascending array. */
export function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
