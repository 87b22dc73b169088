// Population stability index between an expected (development) and an actual (recent) sample:
// sum over bins of (actual share - expected share) * ln(actual share / expected share).
import { equalCountEdges } from './buckets.ts';
import { lowerBound } from './sorted.ts';
import { checkCount, checkLength } from './validate.ts';

/**
 * A share of exactly 0 (a bin one sample never reaches) is replaced by this before the
 * logarithm, so the bin adds a large but finite amount instead of Infinity.
 */
export const EMPTY_BIN_SHARE = 1e-4;

export interface ShareBin {
  label: string;
  expectedCount: number;
  actualCount: number;
  /** Share of the sample in the bin (before the EMPTY_BIN_SHARE substitution). */
  expectedShare: number;
  actualShare: number;
  contribution: number;
}

export interface PsiBin extends ShareBin {
  /** Exclusive lower bound (-Infinity for the first bin; NaN for the missing-value bin). */
  lower: number;
  /** Inclusive upper bound (Infinity for the last bin; NaN for the missing-value bin). */
  upper: number;
}

export interface PsiResult {
  psi: number;
  bins: PsiBin[];
}

export interface PsiOptions {
  /** Number of equal-count bins from the expected sample (default 10). */
  bins?: number;
  /** Interior cut points instead: bins are (-inf, e1], (e1, e2], ..., (ek, inf). */
  edges?: number[];
}

export function contribution(expectedShare: number, actualShare: number): number {
  const e = expectedShare > 0 ? expectedShare : EMPTY_BIN_SHARE;
  const a = actualShare > 0 ? actualShare : EMPTY_BIN_SHARE;
  return (a - e) * Math.log(a / e);
}

/** Numeric sample; NaN marks a missing value, which gets a bin of its own. */
export function toNumericSample(name: string, values: ArrayLike<number>): Float64Array {
  const n = checkLength(name, values);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number') throw new RangeError(`${name}[${i}] must be a number, got ${String(v)}`);
    out[i] = v;
  }
  return out;
}

function interiorEdges(expected: Float64Array, options: PsiOptions, name: string): Float64Array {
  if (options.edges !== undefined) {
    const edges = options.edges;
    if (!Array.isArray(edges)) throw new RangeError(`${name}.edges must be an array of numbers`);
    edges.forEach((e, i) => {
      if (typeof e !== 'number' || !Number.isFinite(e)) {
        throw new RangeError(`${name}.edges[${i}] must be a finite number, got ${String(e)}`);
      }
      if (i > 0 && !(e > edges[i - 1]!)) {
        throw new RangeError(`${name}.edges[${i}] must be above ${name}.edges[${i - 1}]`);
      }
    });
    return Float64Array.from(edges);
  }
  const bins = options.bins ?? 10;
  checkCount(`${name}.bins`, bins, 1);
  const present = expected.filter((v) => !Number.isNaN(v)).sort();
  // The top equal-count edge is the sample maximum; drop it so the last bin is open-ended.
  return equalCountEdges(present, bins).slice(0, -1);
}

function countInto(values: Float64Array, edges: Float64Array, counts: Float64Array): void {
  const missing = counts.length - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    counts[Number.isNaN(v) ? missing : lowerBound(edges, v)]! += 1;
  }
}

export function psiOfSamples(expected: Float64Array, actual: Float64Array, options: PsiOptions, name: string): PsiResult {
  const edges = interiorEdges(expected, options, name);
  // One bin per gap between edges, plus a last slot for missing values.
  const expectedCounts = new Float64Array(edges.length + 2);
  const actualCounts = new Float64Array(edges.length + 2);
  countInto(expected, edges, expectedCounts);
  countInto(actual, edges, actualCounts);
  const bins: PsiBin[] = [];
  let psi = 0;
  for (let b = 0; b < expectedCounts.length; b++) {
    const isMissing = b === edges.length + 1;
    if (isMissing && expectedCounts[b] === 0 && actualCounts[b] === 0) continue;
    const lower = isMissing ? Number.NaN : b === 0 ? -Infinity : edges[b - 1]!;
    const upper = isMissing ? Number.NaN : b === edges.length ? Infinity : edges[b]!;
    const expectedShare = expectedCounts[b]! / expected.length;
    const actualShare = actualCounts[b]! / actual.length;
    const c = contribution(expectedShare, actualShare);
    psi += c;
    bins.push({
      label: isMissing ? 'missing' : `(${formatBound(lower)}, ${formatBound(upper)}${upper === Infinity ? ')' : ']'}`,
      lower,
      upper,
      expectedCount: expectedCounts[b]!,
      actualCount: actualCounts[b]!,
      expectedShare,
      actualShare,
      contribution: c,
    });
  }
  return { psi, bins };
}

function formatBound(v: number): string {
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return String(v);
}

/**
 * PSI with bins from the expected sample's quantiles (default 10 equal-count bins; equal values
 * never straddle bins) or from given edges. NaN values count in a separate "missing" bin.
 */
export function psi(expected: ArrayLike<number>, actual: ArrayLike<number>, options: PsiOptions = {}): PsiResult {
  return psiOfSamples(toNumericSample('expected', expected), toNumericSample('actual', actual), options, 'options');
}

export interface ShareContribution {
  expectedShare: number;
  actualShare: number;
  contribution: number;
}

function checkShares(name: string, shares: ArrayLike<number>): void {
  const n = checkLength(name, shares);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = shares[i]!;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw new RangeError(`${name}[${i}] must be a share in [0, 1], got ${String(v)}`);
    }
    sum += v;
  }
  if (Math.abs(sum - 1) > 1e-6) throw new RangeError(`${name} must sum to 1, got ${sum}`);
}

/** PSI from per-bin shares already computed elsewhere (each list sums to 1). */
export function psiFromShares(
  expectedShares: ArrayLike<number>,
  actualShares: ArrayLike<number>,
): { psi: number; bins: ShareContribution[] } {
  checkShares('expectedShares', expectedShares);
  checkShares('actualShares', actualShares);
  if (expectedShares.length !== actualShares.length) {
    throw new RangeError(`actualShares has length ${actualShares.length} but expectedShares has length ${expectedShares.length}`);
  }
  const bins: ShareContribution[] = [];
  let total = 0;
  for (let i = 0; i < expectedShares.length; i++) {
    const expectedShare = expectedShares[i]!;
    const actualShare = actualShares[i]!;
    const c = contribution(expectedShare, actualShare);
    total += c;
    bins.push({ expectedShare, actualShare, contribution: c });
  }
  return { psi: total, bins };
}
