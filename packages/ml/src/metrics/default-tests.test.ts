import { describe, expect, it } from 'vitest';
import { binomialTest, jeffreysTest } from './default-tests.ts';
import { expectClose, loadFixture } from './fixtures.test-support.ts';

const ref = loadFixture('distributions');

describe('binomialTest', () => {
  it('matches scipy binom.sf(D - 1, N, pd)', () => {
    for (const c of ref.binomialUpperTail) {
      if (c.k > c.n) continue;
      const r = binomialTest(c.k, c.n, c.p);
      expectClose(r.pValue, c.value, 1e-10);
      expect(r.reject).toBe(c.value < 0.05);
    }
  });

  it('hand-checked: 2 defaults in 2 at PD 0.1 has p = 0.01', () => {
    const r = binomialTest(2, 2, 0.1);
    expectClose(r.pValue, 0.01, 1e-13);
    expect(r.reject).toBe(true);
    expect(binomialTest(2, 2, 0.1, 0.005).reject).toBe(false);
    expect(binomialTest(0, 10, 0.1).pValue).toBe(1);
  });

  it('names the bad argument', () => {
    expect(() => binomialTest(5, 3, 0.1)).toThrow(/defaults \(5\) must not exceed count \(3\)/);
    expect(() => binomialTest(1, 0, 0.1)).toThrow(/count must be an integer >= 1/);
    expect(() => binomialTest(1.5, 3, 0.1)).toThrow(/defaults must be an integer/);
    expect(() => binomialTest(1, 3, 1.1)).toThrow(/pd must be in \[0, 1\]/);
    expect(() => binomialTest(1, 3, 0.1, 0)).toThrow(/alpha must be in \(0, 1\)/);
  });
});

describe('jeffreysTest', () => {
  it('matches scipy beta.cdf(pd, D + 1/2, N - D + 1/2)', () => {
    for (const c of ref.jeffreys) {
      const r = jeffreysTest(c.defaults, c.count, c.pd);
      expectClose(r.pValue, c.value, 1e-10);
      expect(r.reject).toBe(c.value < 0.05);
    }
  });

  it('hand-checked: no default in one row gives Beta(1/2, 3/2), CDF (2/pi)(asin(sqrt x) + sqrt(x(1-x)))', () => {
    const x = 0.3;
    const cdf = (2 / Math.PI) * (Math.asin(Math.sqrt(x)) + Math.sqrt(x * (1 - x)));
    expectClose(jeffreysTest(0, 1, x).pValue, cdf, 1e-13);
  });
});
