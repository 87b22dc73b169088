import { describe, expect, it } from 'vitest';
import { expectClose, loadFixture } from './fixtures.test-support.ts';
import { summaryMetrics } from './summary.ts';

const ref = loadFixture('portfolio');

describe('summaryMetrics', () => {
  it('reports AUC, Gini, KS, Brier and log loss matching the references', () => {
    const s = summaryMetrics(ref.labels, ref.pdA);
    expectClose(s.auc, ref.auc.pdA);
    expectClose(s.gini, 2 * ref.auc.pdA - 1);
    expectClose(s.ks, ref.ks.pdA.statistic);
    expectClose(s.brier, ref.brier.pdA);
    expectClose(s.logLoss, ref.logLoss.pdA);
    expect(Object.keys(s).sort()).toEqual(['auc', 'brier', 'gini', 'ks', 'logLoss']);
  });

  it('requires probabilities', () => {
    expect(() => summaryMetrics([0, 1], [0.2, 3])).toThrow(/pd\[1\] must be a probability/);
  });
});
