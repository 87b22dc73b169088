import { describe, expect, it } from 'vitest';
import { expectClose, loadFixture } from './fixtures.test-support.ts';
import { ks } from './ks.ts';

const ref = loadFixture('portfolio');

describe('ks', () => {
  it('matches scipy ks_2samp and the numpy threshold', () => {
    for (const key of ['pdA', 'points'] as const) {
      const r = ks(ref.labels, ref[key]);
      expectClose(r.statistic, ref.ks[key].statistic);
      expect(r.threshold).toBe(ref.ks[key].threshold);
    }
  });

  it('hand-checked: perfect separation gives 1 at the top non-default score', () => {
    expect(ks([0, 0, 1, 1], [0.1, 0.2, 0.7, 0.9])).toEqual({ statistic: 1, threshold: 0.2 });
  });

  it('hand-checked: ties between classes move both CDFs together', () => {
    // t = 1: F0 = 1/2, F1 = 0; t = 2: F0 = 1, F1 = 1/2; t = 3: both 1.
    expect(ks([0, 0, 1, 1], [1, 2, 2, 3])).toEqual({ statistic: 0.5, threshold: 1 });
  });

  it('needs both classes', () => {
    expect(() => ks([0, 0], [1, 2])).toThrow(/ks needs at least one default/);
  });
});
