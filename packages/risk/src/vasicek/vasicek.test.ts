import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixtures.ts';
import { RiskInputError } from '../errors.ts';
import { BASEL_II_ANNEX_5 } from '../irb/bcbs-tables.test-data.ts';
import { vasicek } from './vasicek.ts';

interface Case {
  pd: number;
  rho: number;
  quantiles: Record<string, number>;
  es: Record<string, number>;
  cdf: Record<string, number>;
  variance: number;
}

const { cases } = fixture<{ cases: Case[] }>('vasicek.json');

describe('Vasicek large-portfolio distribution', () => {
  it('matches scipy quadrature for quantiles, ES (integral of the quantile function), cdf and variance', () => {
    for (const c of cases) {
      const d = vasicek({ pd: c.pd, rho: c.rho });
      for (const [alpha, q] of Object.entries(c.quantiles)) expect(d.quantile(Number(alpha)) / q).toBeCloseTo(1, 12);
      for (const [alpha, es] of Object.entries(c.es)) expect(d.expectedShortfall(Number(alpha)) / es).toBeCloseTo(1, 9);
      for (const [x, p] of Object.entries(c.cdf)) expect(d.cdf(Number(x))).toBeCloseTo(p, 12);
      expect(d.variance / c.variance).toBeCloseTo(1, 9);
      expect(d.mean).toBe(c.pd);
    }
  });

  it('is the Basel retail risk weight: K = LGD (q_0.999 - PD) for residential mortgages (Annex 5)', () => {
    for (const [pd, row] of BASEL_II_ANNEX_5) {
      const k = vasicek({ pd, rho: 0.15, lgd: 0.45 }).quantile(0.999) - pd * 0.45;
      expect(Math.abs(100 * 12.5 * k - row[2]!)).toBeLessThanOrEqual(0.006);
    }
  });

  it('scales with LGD and EAD and inverts its cdf', () => {
    const d = vasicek({ pd: 0.02, rho: 0.12, lgd: 0.4, ead: 1e6 });
    const q = d.quantile(0.995);
    expect(d.cdf(q)).toBeCloseTo(0.995, 12);
    expect(d.tailProbability(q)).toBeCloseTo(0.005, 12);
    expect(d.mean).toBeCloseTo(0.02 * 0.4 * 1e6, 6);
    expect(d.expectedShortfall(0.995)).toBeGreaterThan(q);
    // density integrates to the cdf difference (Simpson on a narrow interval)
    const a = q * 0.9;
    const b = q * 1.1;
    const steps = 200;
    let integral = 0;
    for (let i = 0; i <= steps; i++) integral += (i === 0 || i === steps ? 1 : i % 2 ? 4 : 2) * d.density(a + ((b - a) * i) / steps);
    integral *= (b - a) / steps / 3;
    expect(integral).toBeCloseTo(d.cdf(b) - d.cdf(a), 9);
  });

  it('rejects parameters outside their range, naming them', () => {
    expect(() => vasicek({ pd: 1.2, rho: 0.1 })).toThrowError(/pd: must be in \[0, 1\], got 1.2/);
    expect(() => vasicek({ pd: 0.1, rho: 1 })).toThrowError(RiskInputError);
    expect(() => vasicek({ pd: 0.1, rho: 0.2 }).quantile(1)).toThrowError(/alpha/);
  });
});
