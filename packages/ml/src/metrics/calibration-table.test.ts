import { describe, expect, it } from 'vitest';
import { calibrationByDecile, calibrationByQuantile } from './calibration-table.ts';
import { expectRowsClose, loadFixture } from './fixtures.test-support.ts';

const ref = loadFixture('portfolio');

describe('calibrationByDecile', () => {
  it('matches the pandas reference on tied PDs', () => {
    expectRowsClose(calibrationByDecile(ref.labels, ref.pdA), ref.deciles.pdA);
    expectRowsClose(calibrationByDecile(ref.labels, ref.pdB), ref.deciles.pdB);
  });

  it('never splits equal PDs across buckets, so a scorecard gets fewer buckets', () => {
    const rows = calibrationByDecile(ref.labels, ref.scorecardPd);
    expectRowsClose(rows, ref.deciles.scorecardPd);
    expect(rows.length).toBeLessThan(10);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.lowerPd).toBeGreaterThan(rows[i - 1]!.upperPd);
  });

  it('hand-checked: 20 distinct PDs give 10 buckets of 2', () => {
    const pd = Array.from({ length: 20 }, (_, i) => (i + 1) / 100);
    const labels = pd.map((_, i) => (i % 2 === 0 ? 1 : 0));
    const rows = calibrationByDecile(labels, pd);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({
      bucket: '1',
      count: 2,
      defaults: 1,
      meanPd: 0.015,
      observedRate: 0.5,
      lowerPd: 0.01,
      upperPd: 0.02,
    });
  });

  it('calibrationByQuantile takes another group count', () => {
    expect(calibrationByQuantile([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4], 2).map((r) => r.count)).toEqual([2, 2]);
    expect(() => calibrationByQuantile([0], [0.1], 0)).toThrow(/groups must be an integer >= 1/);
  });
});
