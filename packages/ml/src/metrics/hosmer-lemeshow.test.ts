import { describe, expect, it } from 'vitest';
import { expectClose, expectRowsClose, loadFixture } from './fixtures.test-support.ts';
import { hosmerLemeshow } from './hosmer-lemeshow.ts';

const ref = loadFixture('portfolio');

describe('hosmerLemeshow', () => {
  it('matches the reference (pandas groups, scipy chi2.sf) for 10 and 20 groups', () => {
    for (const key of ['pdB', 'pdB20'] as const) {
      const e = ref.hosmerLemeshow[key];
      const r = hosmerLemeshow(ref.labels, ref.pdB, e.groups);
      expectClose(r.statistic, e.statistic);
      expect(r.df).toBe(e.df);
      expectClose(r.pValue, e.pValue);
      expectRowsClose(r.table, e.table);
    }
  });

  it('hand-checked: a perfectly calibrated table has statistic 0 and p-value 1', () => {
    const pd = [0.25, 0.25, 0.25, 0.25, 0.5, 0.5, 0.5, 0.5, 0.75, 0.75, 0.75, 0.75];
    const labels = [1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0];
    const r = hosmerLemeshow(labels, pd, 3);
    expect(r).toMatchObject({ statistic: 0, df: 1, pValue: 1 });
  });

  it('refuses too few distinct PDs for the groups', () => {
    expect(() => hosmerLemeshow([0, 1, 0, 1], [0.2, 0.2, 0.4, 0.4])).toThrow(/at least 3 groups/);
    expect(() => hosmerLemeshow([0, 1], [0.2, 0.3], 2)).toThrow(/groups must be an integer >= 3/);
  });
});
