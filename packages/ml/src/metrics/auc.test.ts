import { describe, expect, it } from 'vitest';
import { auc, gini } from './auc.ts';
import { expectClose, loadFixture } from './fixtures.test-support.ts';

const ref = loadFixture('portfolio');

describe('auc', () => {
  it('counts ties as one half (hand-checked)', () => {
    // Pairs (default, non-default): (0.8, 0.1) win, (0.8, 0.4) win, (0.4, 0.1) win, (0.4, 0.4) tie.
    expect(auc([1, 0, 1, 0], [0.8, 0.1, 0.4, 0.4])).toBe(3.5 / 4);
    expect(auc([0, 1], [1, 0])).toBe(0);
    expect(auc([0, 0, 1, 1], [5, 5, 5, 5])).toBe(0.5);
  });

  it('matches scikit-learn roc_auc_score on a tied, unbalanced portfolio', () => {
    expectClose(auc(ref.labels, ref.pdA), ref.auc.pdA);
    expectClose(auc(ref.labels, ref.pdB), ref.auc.pdB);
    expectClose(auc(ref.labels, ref.points), ref.auc.points);
  });

  it('accepts typed arrays and does not depend on row order', () => {
    const labels = Uint8Array.from(ref.labels);
    const scores = Float32Array.from(ref.points); // integers: exact in float32
    expectClose(auc(labels, scores), ref.auc.points);
    const reversedLabels = [...ref.labels].reverse();
    const reversedScores = Float64Array.from(ref.pdA).reverse();
    expectClose(auc(reversedLabels, reversedScores), ref.auc.pdA);
  });

  it('gini is 2 * AUC - 1', () => {
    expectClose(gini(ref.labels, ref.pdA), 2 * ref.auc.pdA - 1);
    expect(gini([1, 0, 1, 0], [0.8, 0.1, 0.4, 0.4])).toBe(0.75);
  });

  it('rejects bad input with a RangeError naming the argument', () => {
    expect(() => auc([1, 0, 2], [0.1, 0.2, 0.3])).toThrow(/labels\[2\] must be 0 or 1, got 2/);
    expect(() => auc([1, 0], [0.1, Number.NaN])).toThrow(/scores\[1\] must be a number/);
    expect(() => auc([1, 0, 1], [0.1, 0.2])).toThrow(/scores has length 2 but labels has length 3/);
    expect(() => auc([1, 1], [0.1, 0.2])).toThrow(/needs at least one default .* got 2 defaults and 0 non-defaults/);
    expect(() => auc([], [])).toThrow(RangeError);
  });
});
