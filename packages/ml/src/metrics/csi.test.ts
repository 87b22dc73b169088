import { describe, expect, it } from 'vitest';
import { csi, UNSEEN_LEVEL_LABEL, type CategoryBin, type CsiResult } from './csi.ts';
import { expectBinsClose, expectClose, fromJsonNumber, loadFixture } from './fixtures.test-support.ts';
import type { PsiBin } from './psi.ts';

const ref = loadFixture('drift');

function byFeature(results: CsiResult[], feature: string): CsiResult {
  const r = results.find((x) => x.feature === feature);
  if (!r) throw new Error(`no result for ${feature}`);
  return r;
}

describe('csi', () => {
  const results = csi(
    {
      income: (ref.incomeDev as (number | null)[]).map(fromJsonNumber),
      score: Float64Array.from(ref.scoreDev),
      region: ref.regionDev,
    },
    {
      income: (ref.incomeNew as (number | null)[]).map(fromJsonNumber),
      score: ref.scoreNew,
      region: ref.regionNew,
    },
  );

  it('returns one result per expected feature, in order', () => {
    expect(results.map((r) => [r.feature, r.kind])).toEqual([
      ['income', 'numeric'],
      ['score', 'numeric'],
      ['region', 'categorical'],
    ]);
  });

  it('bins numeric features as psi does (reference from pandas)', () => {
    for (const feature of ['income', 'score'] as const) {
      const r = byFeature(results, feature);
      expectClose(r.csi, ref.csi[feature].psi);
      expectBinsClose(r.bins as PsiBin[], ref.csi[feature].bins);
    }
  });

  it('bins categorical features by level with an other/unseen bin (reference from pandas)', () => {
    const r = byFeature(results, 'region');
    expectClose(r.csi, ref.csi.region.csi);
    const bins = r.bins as CategoryBin[];
    expect(bins.map((b) => [b.level, b.expectedCount, b.actualCount])).toEqual(
      ref.csi.region.bins.map((b) => [b.level, b.expectedCount, b.actualCount]),
    );
    bins.forEach((b, i) => expectClose(b.contribution, ref.csi.region.bins[i]!.contribution));
    expect(bins.at(-1)!.label).toBe(UNSEEN_LEVEL_LABEL);
  });

  it('names the feature when columns are missing or of different kinds', () => {
    expect(() => csi({ a: [1, 2] }, {})).toThrow(/actual has no column for feature "a"/);
    expect(() => csi({ a: [1, 2] }, { a: ['x', 'y'] })).toThrow(/feature "a" is numeric in expected but categorical in actual/);
    const mixed = ['x', 3] as unknown as string[]; // a number inside a categorical column, as untyped input may hold
    expect(() => csi({ a: mixed }, { a: ['x'] })).toThrow(/expected.a\[1\] must be a string \(categorical column\)/);
  });
});
