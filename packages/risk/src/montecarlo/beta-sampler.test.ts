import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import { describe, expect, it } from 'vitest';
import { betaSample } from './beta-sampler.ts';
import { ScenarioRandom } from './rng.ts';

describe('beta sampler', () => {
  it('draws from Beta(a, b) (Kolmogorov-Smirnov against @stdlib beta cdf), shapes below and above 1', () => {
    const random = new ScenarioRandom();
    random.reset(17, 0);
    const n = 20000;
    for (const [a, b] of [
      [2.5, 3.1],
      [0.4, 0.7],
      [0.8, 6],
      [12, 4],
    ] as const) {
      const draws = Float64Array.from({ length: n }, () => betaSample(random, a, b)).sort();
      let d = 0;
      draws.forEach((x, i) => {
        const f = betaCdf(x, a, b);
        d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
      });
      // 1% critical value of the KS statistic: 1.63 / sqrt(n).
      expect(d, `Beta(${a}, ${b})`).toBeLessThan(1.63 / Math.sqrt(n));
    }
  });

  it('depends only on the stream position', () => {
    const random = new ScenarioRandom();
    random.reset(1, 5);
    const first = [betaSample(random, 2, 3), betaSample(random, 0.5, 0.5)];
    random.reset(1, 5);
    expect([betaSample(random, 2, 3), betaSample(random, 0.5, 0.5)]).toEqual(first);
  });
});
