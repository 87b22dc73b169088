import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixtures.ts';
import { singleFactorModel } from '../input/factor-model.ts';
import { vasicek } from '../vasicek/vasicek.ts';
import { expectedLoss } from './expected-loss.ts';
import { standaloneUnexpectedLoss, unexpectedLoss } from './unexpected-loss.ts';

interface VarianceFixture {
  factorModel: { sectors: string[]; correlation: number[][] };
  exposures: unknown[];
  expectedLoss: number;
  variance: number;
  unexpectedLoss: number;
  contributions: Record<string, number>;
}

describe('expected loss', () => {
  it('is PD x LGD x EAD, added up by sector and segment', () => {
    const result = expectedLoss([
      { id: 'a', sector: 'x', segment: 'cards', ead: 1000, pd: 0.02, lgd: 0.5 },
      { id: 'b', sector: 'y', ead: 200, pd: 0.1, lgd: 0.25 },
    ]);
    expect(result.total).toBeCloseTo(10 + 5, 12);
    expect(result.bySector).toEqual({ x: 10, y: 5 });
    expect(result.bySegment).toEqual({ cards: 10, '(none)': 5 });
  });
});

describe('unexpected loss', () => {
  it('equals the pairwise bivariate-normal sum (mpmath) for a 3-sector portfolio with stochastic LGDs, PD 0 and 1', () => {
    const f = fixture<VarianceFixture>('loss-variance.json');
    const result = unexpectedLoss(f.exposures, f.factorModel);
    expect(result.expectedLoss).toBeCloseTo(f.expectedLoss, 9);
    expect(result.variance / f.variance).toBeCloseTo(1, 12);
    expect(result.unexpectedLoss / f.unexpectedLoss).toBeCloseTo(1, 12);
    for (const obligor of result.obligors) expect(obligor.contribution).toBeCloseTo(f.contributions[obligor.id]!, 9);
    const total = result.obligors.reduce((sum, obligor) => sum + obligor.contribution, 0);
    expect(total / result.unexpectedLoss).toBeCloseTo(1, 12);
    const bySector = Object.values(result.bySector).reduce((sum, x) => sum + x, 0);
    expect(bySector / result.unexpectedLoss).toBeCloseTo(1, 12);
    expect(result.diversificationRatio).toBeLessThan(1);
  });

  it('tends to the Vasicek standard deviation for a large homogeneous portfolio', () => {
    const n = 20000;
    const exposures = Array.from({ length: n }, (_, i) => ({
      id: `o${i}`,
      sector: 'all',
      ead: 1 / n,
      pd: 0.01,
      lgd: 1,
      assetCorrelation: 0.15,
    }));
    const result = unexpectedLoss(exposures, singleFactorModel());
    // Var = Var_inf + (p - p^2 - Var_inf) / n for n identical obligors.
    const limit = vasicek({ pd: 0.01, rho: 0.15 }).variance;
    const exact = limit + (0.01 - 0.0001 - limit) / n;
    expect(result.variance / exact).toBeCloseTo(1, 11);
  });

  it('has the standalone closed form EAD sqrt(PD sd^2 + LGD^2 PD (1 - PD))', () => {
    expect(standaloneUnexpectedLoss({ ead: 100, pd: 0.04, lgd: 0.5, lgdSd: 0.2 })).toBeCloseTo(
      100 * Math.sqrt(0.04 * 0.04 + 0.25 * 0.04 * 0.96),
      12,
    );
  });
});
