/** Which members a fusion keeps: every member with a positive stacking weight; a harmful member is left out. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/random.ts';
import { pairedStandardError, selectStack } from './select.ts';

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe('selectStack', () => {
  it('keeps two members that each see part of the risk, and leaves out one that only adds noise against it', () => {
    const random = seededRandom(8);
    const n = 4000;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const flipped = new Float64Array(n);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const x = normal(random);
      const y = normal(random);
      labels[i] = random() < 1 / (1 + Math.exp(-(-1 + x + y))) ? 1 : 0;
      a[i] = x + 0.3 * normal(random);
      b[i] = y + 0.3 * normal(random);
      // Anti-correlated with the risk once a and b are known: its stacking weight would be negative.
      flipped[i] = -(x + y) + 0.1 * normal(random) + 0.5 * a[i]!;
    }
    const selection = selectStack([a, b, flipped], labels);
    expect(selection.chosen.members).toEqual([0, 1]);
    expect(selection.chosen.fit.weights.every((w) => w > 0)).toBe(true);
    // Stacked with the other two, its weight was negative: that is why it is out, and it says so.
    expect(selection.dropped).toHaveLength(1);
    expect(selection.dropped[0]!.member).toBe(2);
    expect(selection.dropped[0]!.with).toEqual([0, 1]);
    expect(selection.dropped[0]!.weight).toBeLessThanOrEqual(0);
    const all = selection.trials.find((t) => t.members.length === 3)!;
    expect(all.fit.weights[2]).toBe(selection.dropped[0]!.weight);
    expect(selection.tolerance).toBeGreaterThanOrEqual(1e-4);
    expect([0, 1]).toContain(selection.bestSingle.members[0]);
    expect(selection.singleMargin).toBeGreaterThanOrEqual(1e-4);
  });

  it('keeps a blend of two equally good noisy views rather than picking one by noise', () => {
    const random = seededRandom(9);
    const n = 300;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const x = normal(random);
      labels[i] = random() < 1 / (1 + Math.exp(-(-1 + 1.5 * x))) ? 1 : 0;
      a[i] = x + normal(random);
      b[i] = x + normal(random);
    }
    const selection = selectStack([a, b], labels);
    expect(selection.chosen.members).toEqual([0, 1]);
    expect(selection.dropped).toEqual([]);
  });

  it('leaves out a member that scores the risk the wrong way round', () => {
    const random = seededRandom(10);
    const n = 500;
    const good = new Float64Array(n);
    const reversed = new Float64Array(n);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const x = normal(random);
      labels[i] = random() < 1 / (1 + Math.exp(-(-1 + 2 * x))) ? 1 : 0;
      good[i] = x + 0.2 * normal(random);
      // Scores the risk the wrong way round: alone, or with the good one, its weight is negative.
      reversed[i] = -x + 0.2 * normal(random);
    }
    const selection = selectStack([reversed, good], labels);
    expect(selection.chosen.members).toEqual([1]);
    expect(selection.chosen.fit.weights[0]).toBeGreaterThan(0);
  });

  it('measures the standard error of paired differences', () => {
    expect(pairedStandardError([1, 2, 3, 4], [1, 2, 3, 4])).toBe(0);
    // Differences 0, 2: mean 1, sample variance 2, standard error sqrt(2 / 2) = 1.
    expect(pairedStandardError([1, 4], [1, 2])).toBeCloseTo(1, 12);
  });
});
