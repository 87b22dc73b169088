import { describe, expect, it } from 'vitest';
import { auc } from './auc.ts';
import { ks } from './ks.ts';
import { validationCharts } from './charts.ts';

describe('validationCharts', () => {
  const labels = [0, 0, 1, 0, 1, 1, 0, 1, 0, 0];
  const pd = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1];

  it('ROC runs from (0,0) to (1,1), and its trapezoid area is the AUC when every score is a point', () => {
    const { roc } = validationCharts(labels, pd, 1000);
    expect(roc[0]).toMatchObject({ falsePositiveRate: 0, truePositiveRate: 0 });
    expect(roc[roc.length - 1]).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
    let area = 0;
    for (let i = 1; i < roc.length; i++) {
      area += ((roc[i]!.falsePositiveRate - roc[i - 1]!.falsePositiveRate) * (roc[i]!.truePositiveRate + roc[i - 1]!.truePositiveRate)) / 2;
    }
    expect(area).toBeCloseTo(auc(labels, pd), 12);
  });

  it('the widest gap of the KS curves is the KS statistic', () => {
    const curve = validationCharts(labels, pd, 1000).ks;
    const widest = Math.max(...curve.map((p) => Math.abs(p.defaults - p.nonDefaults)));
    expect(widest).toBeCloseTo(ks(labels, pd).statistic, 12);
  });

  it('each class distribution sums to one', () => {
    const { scoreDistribution } = validationCharts(labels, pd, 100, 7);
    expect(scoreDistribution).toHaveLength(7);
    expect(scoreDistribution.reduce((a, b) => a + b.defaults, 0)).toBeCloseTo(1, 12);
    expect(scoreDistribution.reduce((a, b) => a + b.nonDefaults, 0)).toBeCloseTo(1, 12);
  });
});
