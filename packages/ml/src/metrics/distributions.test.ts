import { describe, expect, it } from 'vitest';
import { betaCdf, binomialUpperTail, chiSquareSf, normalCdf, normalQuantile, normalSf } from './distributions.ts';
import { expectClose, loadFixture } from './fixtures.test-support.ts';

const ref = loadFixture('distributions');

describe('distribution functions against scipy.stats', () => {
  it('normal tail, cdf and quantile', () => {
    for (const c of ref.normalSf) expectClose(normalSf(c.z), c.value, 1e-12);
    for (const c of ref.normalCdf) expectClose(normalCdf(c.z), c.value, 1e-12);
    for (const c of ref.normalQuantile) expectClose(normalQuantile(c.p), c.value, 1e-9);
  });

  it('chi-square survival function, including tiny tails', () => {
    for (const c of ref.chiSquareSf) expectClose(chiSquareSf(c.x, c.df), c.value, 1e-10);
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareSf(Infinity, 3)).toBe(0);
  });

  it('beta cdf and binomial upper tail', () => {
    for (const c of ref.betaCdf) expectClose(betaCdf(c.x, c.a, c.b), c.value, 1e-10);
    for (const c of ref.binomialUpperTail) expectClose(binomialUpperTail(c.k, c.n, c.p), c.value, 1e-10);
  });

  it('binomial tail by hand: P(X >= 2) for Binomial(3, 0.5) is 1/2', () => {
    expectClose(binomialUpperTail(2, 3, 0.5), 0.5, 1e-14);
    expectClose(binomialUpperTail(3, 3, 0.1), 0.001, 1e-12);
  });
});
