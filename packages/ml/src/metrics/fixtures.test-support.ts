// Test-only helpers: load the reference answers made by scripts/metrics-fixtures.py.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CalibrationRow } from './calibration-table.ts';
import type { PsiBin } from './psi.ts';

const FIXTURE_DIR = new URL('../../test/fixtures/metrics/', import.meta.url);

/** NaN is written as null and infinities as strings (see fromJsonNumber). */
type JsonNumber = number | string | null;
type Case<K extends string> = Record<K | 'value', number>;
interface Interval {
  confidence: number;
  auc: number;
  se: number;
  lower: number;
  upper: number;
}
interface GradeRow extends CalibrationRow {
  grade: string;
  maxPd: number;
  binomial: { pValue: number; reject: boolean };
  jeffreys: { pValue: number; reject: boolean };
}
interface HosmerLemeshowRef {
  groups: number;
  statistic: number;
  df: number;
  pValue: number;
  table: CalibrationRow[];
}
interface PsiRef {
  psi: number;
  bins: RefBin[];
}

/** scripts/metrics-fixtures.py's reference answers, one interface per file. */
export interface Fixtures {
  distributions: {
    normalSf: Case<'z'>[];
    normalCdf: Case<'z'>[];
    normalQuantile: Case<'p'>[];
    chiSquareSf: Case<'x' | 'df'>[];
    betaCdf: Case<'x' | 'a' | 'b'>[];
    binomialUpperTail: Case<'k' | 'n' | 'p'>[];
    jeffreys: Case<'defaults' | 'count' | 'pd'>[];
  };
  portfolio: {
    labels: number[];
    pdA: number[];
    pdB: number[];
    points: number[];
    scorecardPd: number[];
    auc: { pdA: number; pdB: number; points: number };
    deLong: { pdA: Interval; pointsAt90: Interval };
    deLongCompare: { aucA: number; aucB: number; diff: number; se: number; z: number; pValue: number };
    ks: { pdA: { statistic: number; threshold: number }; points: { statistic: number; threshold: number } };
    brier: { pdA: number; pdB: number };
    logLoss: { pdA: number; pdB: number; 'pdAEps1e-6': number };
    deciles: { pdA: CalibrationRow[]; pdB: CalibrationRow[]; scorecardPd: CalibrationRow[] };
    hosmerLemeshow: { pdB: HosmerLemeshowRef; pdB20: HosmerLemeshowRef };
    grades: { pdB: GradeRow[]; pdBAlpha01: GradeRow[] };
  };
  drift: {
    incomeDev: number[];
    incomeNew: number[];
    regionDev: string[];
    regionNew: string[];
    scoreDev: number[];
    scoreNew: number[];
    psi: { score: PsiRef; score5: PsiRef; scoreEdges: PsiRef; income: PsiRef };
    csi: {
      income: PsiRef;
      score: PsiRef;
      region: { csi: number; bins: (Omit<RefBin, 'lower' | 'upper'> & { level: string })[] };
    };
  };
}

export function loadFixture<K extends keyof Fixtures>(name: K): Fixtures[K] {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURE_DIR), 'utf8')) as Fixtures[K];
}

/** The fixture script writes NaN as null and infinities as strings. */
export function fromJsonNumber(v: JsonNumber): number {
  if (v === null) return Number.NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return v as number;
}

/** |actual - expected| <= rel * |expected| + abs */
export function expectClose(actual: number, expected: number, rel = 1e-9, abs = 1e-15): void {
  const ok = Math.abs(actual - expected) <= rel * Math.abs(expected) + abs;
  if (!ok) expect.fail(`expected ${actual} to be within ${rel} (relative) of ${expected}`);
}

/** Counts equal, means within 1e-9, PD ranges exact. */
export function expectRowsClose(actual: CalibrationRow[], expected: CalibrationRow[]): void {
  expect(actual.map((r) => [r.bucket, r.count, r.defaults])).toEqual(expected.map((r) => [r.bucket, r.count, r.defaults]));
  actual.forEach((r, i) => {
    const e = expected[i]!;
    expectClose(r.meanPd, e.meanPd);
    expectClose(r.observedRate, e.observedRate);
    expect(r.lowerPd).toBe(e.lowerPd);
    expect(r.upperPd).toBe(e.upperPd);
  });
}

/** A PSI bin as the fixture script writes it. */
export interface RefBin {
  lower: JsonNumber;
  upper: JsonNumber;
  expectedCount: number;
  actualCount: number;
  expectedShare: number;
  actualShare: number;
  contribution: number;
}

export function expectBinsClose(actual: PsiBin[], expected: RefBin[]): void {
  expect(actual.map((b) => [b.lower, b.upper, b.expectedCount, b.actualCount])).toEqual(
    expected.map((b) => [fromJsonNumber(b.lower), fromJsonNumber(b.upper), b.expectedCount, b.actualCount]),
  );
  actual.forEach((b, i) => {
    const e = expected[i]!;
    expectClose(b.expectedShare, e.expectedShare);
    expectClose(b.actualShare, e.actualShare);
    expectClose(b.contribution, e.contribution);
  });
}
