// Characteristic stability index: the PSI of each input feature between two samples.
import { contribution, psiOfSamples, toNumericSample, type PsiBin, type ShareBin } from './psi.ts';
import { checkCount, checkLength } from './validate.ts';

export type FeatureColumns = Record<string, ArrayLike<number> | string[]>;

export interface CategoryBin extends ShareBin {
  /** The level, or null for the bin of levels never seen in the expected sample. */
  level: string | null;
}

export type CsiResult =
  | { feature: string; kind: 'numeric'; csi: number; bins: PsiBin[] }
  | { feature: string; kind: 'categorical'; csi: number; bins: CategoryBin[] };

export const UNSEEN_LEVEL_LABEL = 'other/unseen';

function isCategorical(name: string, column: ArrayLike<number> | string[]): boolean {
  checkLength(name, column);
  if (!Array.isArray(column)) return false;
  const firstIsString = typeof column[0] === 'string';
  for (let i = 0; i < column.length; i++) {
    const t = typeof column[i];
    if (firstIsString ? t !== 'string' : t !== 'number') {
      const want = firstIsString ? 'a string (categorical column)' : 'a number (numeric column)';
      throw new RangeError(`${name}[${i}] must be ${want}, got ${String(column[i])}`);
    }
  }
  return firstIsString;
}

function levelCounts(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function categoricalBins(expected: readonly string[], actual: readonly string[]): { csi: number; bins: CategoryBin[] } {
  const expectedCounts = levelCounts(expected);
  const actualCounts = levelCounts(actual);
  // Most frequent expected levels first; equal counts in code-unit order, for a stable report.
  const levels = [...expectedCounts.keys()].sort((a, b) => expectedCounts.get(b)! - expectedCounts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  let unseen = 0;
  for (const [level, count] of actualCounts) if (!expectedCounts.has(level)) unseen += count;
  const rows: { level: string | null; e: number; a: number }[] = levels.map((level) => ({
    level,
    e: expectedCounts.get(level)!,
    a: actualCounts.get(level) ?? 0,
  }));
  rows.push({ level: null, e: 0, a: unseen });
  let csi = 0;
  const bins = rows.map(({ level, e, a }) => {
    const expectedShare = e / expected.length;
    const actualShare = a / actual.length;
    const c = contribution(expectedShare, actualShare);
    csi += c;
    return {
      label: level ?? UNSEEN_LEVEL_LABEL,
      level,
      expectedCount: e,
      actualCount: a,
      expectedShare,
      actualShare,
      contribution: c,
    };
  });
  return { csi, bins };
}

/**
 * CSI of every feature in expected. Numeric columns are binned as in psi (NaN = missing);
 * string columns get one bin per expected level plus an "other/unseen" bin for new levels.
 */
export function csi(expected: FeatureColumns, actual: FeatureColumns, options: { bins?: number } = {}): CsiResult[] {
  if (expected == null || typeof expected !== 'object') throw new RangeError('expected must be an object of feature columns');
  if (actual == null || typeof actual !== 'object') throw new RangeError('actual must be an object of feature columns');
  const bins = options.bins ?? 10;
  checkCount('options.bins', bins, 1);
  return Object.keys(expected).map((feature): CsiResult => {
    const e = expected[feature]!;
    const a = actual[feature];
    if (a === undefined) throw new RangeError(`actual has no column for feature "${feature}"`);
    const eCategorical = isCategorical(`expected.${feature}`, e);
    const aCategorical = isCategorical(`actual.${feature}`, a);
    if (eCategorical !== aCategorical) {
      throw new RangeError(
        `feature "${feature}" is ${eCategorical ? 'categorical' : 'numeric'} in expected but ` +
          `${aCategorical ? 'categorical' : 'numeric'} in actual`,
      );
    }
    if (eCategorical) {
      return { feature, kind: 'categorical', ...categoricalBins(e as string[], a as string[]) };
    }
    const result = psiOfSamples(
      toNumericSample(`expected.${feature}`, e as ArrayLike<number>),
      toNumericSample(`actual.${feature}`, a as ArrayLike<number>),
      { bins },
      'options',
    );
    return { feature, kind: 'numeric', csi: result.psi, bins: result.bins };
  });
}
