import { describe, expect, it } from 'vitest';
import { gradeChartData, gradeCsvRows, trendChartData, trendCsvRows } from './pd-figures.ts';

const grades = [
  { grade: 'A', exposureCount: 3, ead: '300.00', eadWeightedPd: 0.01, expectedLoss: '1.35', minPd: 0.005, maxPd: 0.015 },
  { grade: 'B', exposureCount: 1, ead: '100.00', eadWeightedPd: 0.05, expectedLoss: '2.25', minPd: 0.05, maxPd: 0.05 },
];
const runs = [
  {
    runId: 'r2',
    asOf: '2026-11-30',
    finishedAt: '2026-11-30T10:00:00.000Z',
    exposureCount: 4,
    ead: '400.00',
    eadWeightedPd: 0.02,
    expectedLoss: '3.60',
  },
  {
    runId: 'r1',
    asOf: '2026-10-31',
    finishedAt: '2026-10-31T10:00:00.000Z',
    exposureCount: 4,
    ead: '400.00',
    eadWeightedPd: 0.03,
    expectedLoss: '5.40',
  },
];

describe('PD figures as chart data', () => {
  it('charts EAD per grade and exports each grade with its share of the EAD', () => {
    expect(gradeChartData(grades)).toEqual([
      { label: 'A', ead: 300, exposures: 3 },
      { label: 'B', ead: 100, exposures: 1 },
    ]);
    expect(gradeCsvRows(grades).map((row) => row[3])).toEqual([0.75, 0.25]);
  });

  it('puts the trend oldest first, as the API lists runs newest first', () => {
    expect(trendChartData(runs).map((p) => p.eadWeightedPd)).toEqual([0.03, 0.02]);
    expect(trendCsvRows(runs).map((row) => row[0])).toEqual(['r1', 'r2']);
  });
});
