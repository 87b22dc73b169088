// Champion against challenger on the same run's exposures: both PD distributions (quantiles and counts
// per grade), Spearman's rank correlation of the PDs, the grade migration from the champion's grade to
// the challenger's, and both AUCs (with DeLong's paired test) once defaults are observed.
import { challengerPairs, currentMasterScaleGrades, type Database, type TenantScope } from '@probity/db';
import { deLongCompare } from '@probity/ml';
import { gradeBands } from '../grades.ts';
import { migrationMatrix, type MigrationMatrix } from './migration.ts';

const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];

/** Average ranks (1-based), ties sharing the mean of their positions. */
export function ranks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const out = new Float64Array(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]!] = rank;
    i = j + 1;
  }
  return out;
}

/** Spearman's rho: Pearson's correlation of the average ranks; null below two rows or for a constant side. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  if (a.length !== b.length) throw new RangeError(`b has length ${b.length} but a has length ${a.length}`);
  const n = a.length;
  if (n < 2) return null;
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (n + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = ra[i]! - mean;
    const y = rb[i]! - mean;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa === 0 || sbb === 0 ? null : sab / Math.sqrt(saa * sbb);
}

/** Quantile by linear interpolation between order statistics (numpy's default). */
function quantiles(values: Float64Array): number[] {
  const sorted = Float64Array.from(values).sort();
  return QUANTILES.map((q) => {
    const h = (sorted.length - 1) * q;
    const lo = Math.floor(h);
    return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
  });
}

export interface ChallengerComparison {
  challengerVersionId: string;
  exposures: number;
  quantiles: { q: number; champion: number; challenger: number }[];
  meanPd: { champion: number; challenger: number };
  spearman: number | null;
  /** Rows: champion grades; columns: challenger grades. */
  migration: MigrationMatrix;
  defaults: number;
  /** Null until defaults and non-defaults are both observed. */
  auc: { champion: number; challenger: number; difference: number; pValue: number } | null;
}

export function compareChallenger(
  input: {
    challengerVersionId: string;
    championPd: Float64Array;
    challengerPd: Float64Array;
    championGrade: string[];
    challengerGrade: string[];
    defaulted: Uint8Array;
  },
  scale: readonly string[],
): ChallengerComparison | null {
  const n = input.championPd.length;
  if (n === 0) return null;
  const pairs = new Map<string, { from: string; to: string; count: number }>();
  for (let i = 0; i < n; i++) {
    const key = `${input.championGrade[i]}\u0000${input.challengerGrade[i]}`;
    const pair = pairs.get(key) ?? { from: input.championGrade[i]!, to: input.challengerGrade[i]!, count: 0 };
    pair.count++;
    pairs.set(key, pair);
  }
  const qa = quantiles(input.championPd);
  const qb = quantiles(input.challengerPd);
  const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
  const defaults = input.defaulted.reduce((s, x) => s + x, 0);
  let aucs: ChallengerComparison['auc'] = null;
  if (defaults > 0 && defaults < n) {
    const test = deLongCompare(input.defaulted, input.championPd, input.challengerPd);
    aucs = { champion: test.aucA, challenger: test.aucB, difference: test.diff, pValue: test.pValue };
  }
  return {
    challengerVersionId: input.challengerVersionId,
    exposures: n,
    quantiles: QUANTILES.map((q, i) => ({ q, champion: qa[i]!, challenger: qb[i]! })),
    meanPd: { champion: mean(input.championPd), challenger: mean(input.challengerPd) },
    spearman: spearman(input.championPd, input.challengerPd),
    migration: migrationMatrix([...pairs.values()], scale),
    defaults,
    auc: aucs,
  };
}

/** The run's champion-challenger comparison; null when the run had no challenger (or is not succeeded). */
export async function challengerComparison(db: Database, scope: TenantScope, runId: string): Promise<ChallengerComparison | null> {
  const pairs = await challengerPairs(db, scope, runId);
  if (!pairs) return null;
  const scale = gradeBands(await currentMasterScaleGrades(db, scope)).map((b) => b.grade);
  return compareChallenger(pairs, scale);
}
