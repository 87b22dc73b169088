import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixtures.ts';
import { bivariateNormalCdf } from './bivariate-normal.ts';
import { normalCdf } from './normal.ts';

const { cases } = fixture<{ cases: { h: number; k: number; r: number; cdf: number }[] }>('bivariate-normal.json');

describe('bivariate normal cdf', () => {
  it('matches 30-digit quadrature of Plackett identity on 480 points, tails and |r| near 1 included', () => {
    let worst = 0;
    for (const { h, k, r, cdf } of cases) worst = Math.max(worst, Math.abs(bivariateNormalCdf(h, k, r) - cdf));
    expect(worst).toBeLessThan(5e-15);
  });

  it('has the closed forms at r = 0 and the limits', () => {
    expect(bivariateNormalCdf(0, 0, 0.5)).toBeCloseTo(1 / 4 + Math.asin(0.5) / (2 * Math.PI), 15);
    expect(bivariateNormalCdf(0.3, -0.2, 0)).toBeCloseTo(normalCdf(0.3) * normalCdf(-0.2), 15);
    expect(bivariateNormalCdf(0.3, 1.2, 1)).toBeCloseTo(normalCdf(0.3), 15);
    expect(bivariateNormalCdf(0.3, 1.2, -1)).toBeCloseTo(normalCdf(0.3) - normalCdf(-1.2), 15);
    expect(bivariateNormalCdf(-Infinity, 1, 0.3)).toBe(0);
    expect(bivariateNormalCdf(Infinity, 1, 0.3)).toBeCloseTo(normalCdf(1), 15);
  });

  it('is symmetric in its arguments', () => {
    expect(bivariateNormalCdf(-1.3, 0.7, 0.82)).toBeCloseTo(bivariateNormalCdf(0.7, -1.3, 0.82), 15);
  });
});
