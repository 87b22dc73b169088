import { describe, expect, it } from 'vitest';
import { expectClose, loadFixture } from './fixtures.test-support.ts';
import { brier, logLoss } from './scoring-rules.ts';

const ref = loadFixture('portfolio');

describe('brier', () => {
  it('matches scikit-learn brier_score_loss', () => {
    expectClose(brier(ref.labels, ref.pdA), ref.brier.pdA);
    expectClose(brier(ref.labels, ref.pdB), ref.brier.pdB);
  });

  it('hand-checked', () => {
    expectClose(brier([1, 0], [0.8, 0.4]), (0.04 + 0.16) / 2, 1e-15);
  });

  it('rejects PDs outside [0, 1]', () => {
    expect(() => brier([1, 0], [0.5, 1.2])).toThrow(/pd\[1\] must be a probability in \[0, 1\], got 1.2/);
  });
});

describe('logLoss', () => {
  it('matches scikit-learn log_loss, including PDs of exactly 0 and 1 clipped by eps', () => {
    expectClose(logLoss(ref.labels, ref.pdA), ref.logLoss.pdA);
    expectClose(logLoss(ref.labels, ref.pdB), ref.logLoss.pdB);
    expectClose(logLoss(ref.labels, ref.pdA, 1e-6), ref.logLoss['pdAEps1e-6']);
  });

  it('hand-checked', () => {
    expectClose(logLoss([1, 0], [0.5, 0.25]), (Math.log(2) - Math.log(0.75)) / 2, 1e-15);
  });

  it('rejects a bad eps', () => {
    expect(() => logLoss([1], [0.5], 0.7)).toThrow(/eps must be in \[0, 0.5\)/);
  });
});
