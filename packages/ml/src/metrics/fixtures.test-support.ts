// Test-only helpers: load the reference answers made by scripts/metrics-fixtures.py.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CalibrationRow } from './calibration-table.ts';
import type { PsiBin } from './psi.ts';

const FIXTURE_DIR = new URL('../../test/fixtures/metrics/', import.meta.url);

export function loadFixture(name: 'distributions' | 'portfolio' | 'drift'): any {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURE_DIR), 'utf8'));
}

/** The fixture script writes NaN as null and infinities as strings. */
export function fromJsonNumber(v: number | string | null): number {
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
  lower: number | string | null;
  upper: number | string | null;
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
