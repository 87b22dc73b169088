import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixtures.ts';
import { concentration } from './concentration.ts';
import { granularityAdjustment, granularityDelta } from './granularity.ts';

describe('concentration', () => {
  it('computes single-name HHI over obligors, sector HHI and top-N shares', () => {
    const result = concentration([
      { id: 'a1', obligorId: 'A', sector: 'x', ead: 30, pd: 0.01, lgd: 0.4 },
      { id: 'a2', obligorId: 'A', sector: 'y', ead: 20, pd: 0.01, lgd: 0.4 },
      { id: 'b', sector: 'x', ead: 30, pd: 0.01, lgd: 0.4 },
      { id: 'c', sector: 'y', ead: 20, pd: 0.01, lgd: 0.4 },
    ]);
    // Names 50/30/20: 0.25 + 0.09 + 0.04. Sectors 60/40: 0.36 + 0.16.
    expect(result.singleName.hhi).toBeCloseTo(0.38, 15);
    expect(result.singleName.effectiveNumber).toBeCloseTo(1 / 0.38, 14);
    expect(result.singleName.shares[0]).toEqual({ id: 'A', ead: 50, share: 0.5 });
    expect(result.singleName.topShares).toEqual([
      { n: 1, share: 0.5 },
      { n: 5, share: 1 },
      { n: 10, share: 1 },
      { n: 20, share: 1 },
    ]);
    expect(result.sector.hhi).toBeCloseTo(0.52, 15);
    expect(result.totalEad).toBe(100);
  });
});

describe('granularity adjustment (Gordy and Lütkebohmert 2013)', () => {
  it('has delta = 4.83 at 99.9% with xi = 0.25, as published', () => {
    expect(granularityDelta(0.999, 0.25)).toBeCloseTo(4.83, 2);
  });

  it('matches an independent numpy implementation, full and simplified', () => {
    const f = fixture<{ exposures: unknown[]; adjustment: number; simplifiedAdjustment: number; kStar: number; delta: number }>(
      'granularity.json',
    );
    const full = granularityAdjustment(f.exposures);
    expect(full.delta).toBeCloseTo(f.delta, 10);
    expect(full.asrfCapitalRate).toBeCloseTo(f.kStar, 13);
    expect(full.adjustment).toBeCloseTo(f.adjustment, 13);
    expect(granularityAdjustment(f.exposures, { simplified: true }).adjustment).toBeCloseTo(f.simplifiedAdjustment, 13);
  });

  it('falls as 1 / n for homogeneous portfolios and vanishes for a granular one', () => {
    const portfolio = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o${i}`, sector: 'x', ead: 1, pd: 0.01, lgd: 0.45 }));
    const ga10 = granularityAdjustment(portfolio(10)).adjustment;
    const ga1000 = granularityAdjustment(portfolio(1000)).adjustment;
    expect(ga10 / ga1000).toBeCloseTo(100, 9);
    expect(granularityAdjustment(portfolio(1000)).effectiveNumber).toBeCloseTo(1000, 9);
  });
});

describe('limit breaches', () => {
  const book = [
    { id: 'a1', obligorId: 'A', sector: 'energy', segment: 'large', ead: 30, pd: 0.01, lgd: 0.4 },
    { id: 'a2', obligorId: 'A', sector: 'retail', segment: 'large', ead: 20, pd: 0.01, lgd: 0.4 },
    { id: 'b', sector: 'energy', segment: 'sme', ead: 30, pd: 0.01, lgd: 0.4 },
    { id: 'c', sector: 'retail', segment: 'sme', ead: 20, pd: 0.01, lgd: 0.4 },
  ];

  it('lists names, sectors and segments above their tightest limit, largest excess first', async () => {
    const { limitBreaches } = await import('./limits.ts');
    const breaches = limitBreaches(book, {
      singleName: { maxShare: 0.25 },
      byObligor: { c: { maxEad: 10 } },
      bySector: { energy: { maxShare: 0.5, maxEad: 55 } },
      bySegment: { sme: { maxEad: 60 } },
    });
    expect(breaches).toEqual([
      { kind: 'single-name', id: 'A', ead: 50, share: 0.5, limit: 25, excess: 25 },
      { kind: 'single-name', id: 'c', ead: 20, share: 0.2, limit: 10, excess: 10 },
      { kind: 'sector', id: 'energy', ead: 60, share: 0.6, limit: 50, excess: 10 },
      { kind: 'single-name', id: 'b', ead: 30, share: 0.3, limit: 25, excess: 5 },
    ]);
  });

  it('names a limit without a bound', async () => {
    const { limitBreaches } = await import('./limits.ts');
    expect(() => limitBreaches(book, { bySector: { energy: {} } })).toThrowError(/limits\.bySector\.energy: needs maxShare or maxEad/);
  });
});
