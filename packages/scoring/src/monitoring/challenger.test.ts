import { describe, expect, it } from 'vitest';
import { compareChallenger, ranks, spearman } from './challenger.ts';

describe('spearman', () => {
  it('matches hand cases, ties by average ranks', () => {
    expect(Array.from(ranks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    // scipy.stats.spearmanr([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) = 0.8
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
    // With ties: scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]) = 0.9486832980505138
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(0.9486832980505138, 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(() => spearman([1], [1, 2])).toThrow(/length/);
  });
});

describe('compareChallenger', () => {
  it('compares distributions, ranks, grades and AUCs of the same exposures', () => {
    const championPd = Float64Array.from([0.01, 0.02, 0.05, 0.2]);
    const challengerPd = Float64Array.from([0.01, 0.05, 0.02, 0.3]);
    const c = compareChallenger(
      {
        challengerVersionId: 'v2',
        championPd,
        challengerPd,
        championGrade: ['A', 'A', 'B', 'C'],
        challengerGrade: ['A', 'B', 'A', 'C'],
        defaulted: Uint8Array.from([0, 0, 1, 1]),
      },
      ['A', 'B', 'C'],
    )!;
    expect(c.exposures).toBe(4);
    expect(c.spearman).toBeCloseTo(0.8, 12); // ranks 1,2,3,4 against 1,3,2,4
    expect(c.migration.counts).toEqual([
      [1, 1, 0],
      [1, 0, 0],
      [0, 0, 1],
    ]);
    // Champion ranks both defaults above both non-defaults; the challenger misses one pair.
    expect(c.auc!.champion).toBe(1);
    expect(c.auc!.challenger).toBe(0.75);
    expect(c.auc!.difference).toBeCloseTo(0.25, 12);
    // numpy.quantile([0.01, 0.02, 0.05, 0.2], 0.5) = 0.035
    expect(c.quantiles.find((q) => q.q === 0.5)!.champion).toBeCloseTo(0.035, 12);
    expect(c.meanPd.challenger).toBeCloseTo(0.095, 12);
  });
});
