import { describe, expect, it } from 'vitest';
import { breakdownData, topObligorData, trendData } from './chart-data.ts';

describe('chart data', () => {
  it('sorts breakdowns largest first and converts decimals', () => {
    const data = breakdownData(
      [
        { key: 'SME', exposureCount: 3, ead: '100.50', limit: '200', share: '0.100000' },
        { key: 'RETAIL', exposureCount: 9, ead: '900.00', limit: '1000', share: '0.900000' },
      ],
      (key) => key.toLowerCase(),
    );
    expect(data).toEqual([
      { label: 'retail', ead: 900, share: 0.9, exposureCount: 9 },
      { label: 'sme', ead: 100.5, share: 0.1, exposureCount: 3 },
    ]);
  });

  it('keeps the API order of top obligors (already ranked)', () => {
    const obligor = (name: string) => ({ id: name, name, externalId: name, segment: 'CORPORATE' as const, sector: null, country: null });
    const data = topObligorData([
      { obligor: obligor('A'), exposureCount: 1, ead: '5', share: '0.500000' },
      { obligor: obligor('B'), exposureCount: 2, ead: '3', share: '0.300000' },
    ]);
    expect(data.map((d) => d.label)).toEqual(['A', 'B']);
  });

  it('orders snapshots oldest first', () => {
    const point = (asOf: string, ead: string) => ({
      asOf,
      exposureCount: 1,
      totalEad: ead,
      totalLimit: '10',
      totalLossGivenDefault: '0',
      defaultedCount: 0,
      defaultedEad: '0',
    });
    expect(trendData([point('2026-02-28', '2'), point('2026-01-31', '1')]).map((p) => [p.asOf, p.totalEad])).toEqual([
      ['2026-01-31', 1],
      ['2026-02-28', 2],
    ]);
  });
});
