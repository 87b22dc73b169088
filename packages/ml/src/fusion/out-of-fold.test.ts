import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/random.ts';
import { addValidationMember, fitShrunkStack, selectOutOfFoldStack, SIMPLER_MARGIN } from './out-of-fold.ts';

/** Labels from a true log-odds, and members that see it with their own noise. */
function members(n: number, rate: number, noise: number[], seed: number) {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const truth = Float64Array.from({ length: n }, () => 1.5 * gauss());
  const offset = Math.log(rate / (1 - rate));
  const labels = Uint8Array.from(truth, (t) => (random() < 1 / (1 + Math.exp(-(offset + t))) ? 1 : 0));
  const logits = noise.map((s) => Float64Array.from(truth, (t) => offset + t + s * gauss()));
  return { labels, logits };
}

/** Two members sharing most of their noise, the second a little less noisy. */
function closeMembers(n: number, seed: number) {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const truth = Float64Array.from({ length: n }, () => 1.5 * gauss());
  const offset = Math.log(0.1 / 0.9);
  const labels = Uint8Array.from(truth, (t) => (random() < 1 / (1 + Math.exp(-(offset + t))) ? 1 : 0));
  const shared = Float64Array.from(truth, () => gauss());
  const first = Float64Array.from(truth, (t, i) => offset + t + shared[i]!);
  const second = Float64Array.from(truth, (t, i) => offset + t + 0.85 * shared[i]! + 0.2 * gauss());
  return { labels, logits: [first, second] };
}

describe('out-of-fold stacking', () => {
  it('stays near the best single member when defaults are few, and moves toward the blend when they are many', () => {
    // Two members with independent noise: the best blend weighs both; the prior pulls toward member 0.
    const few = members(400, 0.04, [1, 1.2], 3);
    const many = members(20000, 0.2, [1, 1.2], 3);
    const shrunk = fitShrunkStack(few.logits, few.labels, [0]);
    const free = fitShrunkStack(many.logits, many.labels, [0]);
    const share = (w: number[]) => w[1]! / (w[0]! + w[1]!);
    expect(share(shrunk.weights)).toBeLessThan(share(free.weights));
    expect(share(free.weights)).toBeGreaterThan(0.3);
  });

  it('keeps the simplest single member unless the blend wins by more than two standard errors', () => {
    // A second member that is the first plus noise adds nothing: no fusion win.
    const { labels, logits } = members(3000, 0.1, [0.5, 3], 5);
    const selection = selectOutOfFoldStack(logits, labels);
    expect(selection.trials).toHaveLength(3);
    expect(selection.bestSingle.members).toEqual([0]);
    expect(selection.singleClear).toBe(true);
    expect(selection.fusionWins).toBe(false);
    // Two equally good members with independent errors: the blend wins clearly.
    const both = members(6000, 0.2, [1.5, 1.5], 7);
    const blended = selectOutOfFoldStack(both.logits, both.labels);
    expect(blended.chosen.members).toEqual([0, 1]);
    expect(blended.fusionWins).toBe(true);
    expect(blended.bestSingle.crossValidatedLogLoss - blended.chosen.crossValidatedLogLoss).toBeGreaterThan(
      SIMPLER_MARGIN * blended.singleMargin,
    );
    // The second member a little better (most of its noise shared with the first): within two
    // standard errors the first (simpler) one is kept.
    const close = closeMembers(600, 15);
    const simplest = selectOutOfFoldStack(close.logits, close.labels);
    const loss = (m: number[]) => simplest.trials.find((t) => t.members.join() === m.join())!.crossValidatedLogLoss;
    expect(loss([1])).toBeLessThan(loss([0]));
    expect(simplest.fusionWins).toBe(false);
    expect(simplest.bestSingle.members).toEqual([0]);
    // With no margin the lowest loss wins instead.
    const strict = selectOutOfFoldStack(close.logits, close.labels, { simplerMargin: 0 });
    const lowest = Math.min(loss([0]), loss([1]), loss([0, 1]));
    expect(strict.fusionWins ? loss([0, 1]) : strict.bestSingle.crossValidatedLogLoss).toBe(lowest);
    expect(strict.bestSingle.members).not.toEqual([0]);
  });

  it('adds a validation-only member when it helps by more than one standard error, not a noise one', () => {
    const { labels, logits } = members(2000, 0.2, [1.5, 1.5], 11);
    const helpful = addValidationMember(logits[0]!, logits[1]!, labels);
    expect(helpful.kept).toBe(true);
    expect(helpful.fit.weight).toBeGreaterThan(0);
    const random = seededRandom(13);
    const noise = Float64Array.from(labels, () => random() * 4 - 2);
    const useless = addValidationMember(logits[0]!, noise, labels);
    expect(useless.kept).toBe(false);
    expect(useless.with).toBeGreaterThan(useless.without - useless.margin);
  });

  it('gives a member that is only noise no weight, and the fusion is then its best member', () => {
    const { labels, logits } = members(3000, 0.05, [1], 17);
    const random = seededRandom(19);
    const noise = Float64Array.from(labels, () => random() * 6 - 3);
    const selection = selectOutOfFoldStack([noise, logits[0]!], labels);
    expect(selection.bestSingle.members).toEqual([1]);
    expect(selection.fusionWins).toBe(false);
    // Kept alone, or with a weight whose part of the fused log-odds varies a tenth as much as the member's.
    const w = selection.chosen.fit.weights;
    const sd = (a: Float64Array) => {
      const m = a.reduce((s, v) => s + v, 0) / a.length;
      return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length);
    };
    if (selection.chosen.members.length === 2) expect(Math.abs(w[0]!) * sd(noise)).toBeLessThan(0.1 * w[1]! * sd(logits[0]!));
    else expect(selection.chosen.members).toEqual([1]);
  });

  it('stacks members that separate the rows (a small, easy file) with finite weights', () => {
    // 0/1 labels have no optimum here: the weights grew to 140 (on a synthetic quality-cv fold, until the
    // Newton system was singular); Platt's targets stop them near 16.
    const random = seededRandom(23);
    const labels = Uint8Array.from({ length: 400 }, () => (random() < 0.3 ? 1 : 0));
    const sharp = Float64Array.from(labels, (y) => (y ? 1 : -1) * (0.05 + random()));
    const other = Float64Array.from(labels, (y) => (y ? 0.5 : -0.5) + 2 * random());
    const selection = selectOutOfFoldStack([sharp, other], labels);
    for (const t of selection.trials) for (const w of t.fit.weights) expect(Math.abs(w)).toBeLessThan(40);
    const late = addValidationMember(sharp, other, labels);
    expect(Number.isFinite(late.with)).toBe(true);
  });
});
