import { describe, expect, it } from 'vitest';
import { expectBinsClose, expectClose, fromJsonNumber, loadFixture } from './fixtures.test-support.ts';
import { EMPTY_BIN_SHARE, psi, psiFromShares } from './psi.ts';

const ref = loadFixture('drift');
const incomeDev = (ref.incomeDev as (number | null)[]).map(fromJsonNumber);
const incomeNew = (ref.incomeNew as (number | null)[]).map(fromJsonNumber);

describe('psi', () => {
  it('matches the pandas reference with 10 and 5 quantile bins from the expected sample', () => {
    const r = psi(ref.scoreDev, ref.scoreNew);
    expectClose(r.psi, ref.psi.score.psi);
    expectBinsClose(r.bins, ref.psi.score.bins);
    const r5 = psi(ref.scoreDev, ref.scoreNew, { bins: 5 });
    expectClose(r5.psi, ref.psi.score5.psi);
    expectBinsClose(r5.bins, ref.psi.score5.bins);
  });

  it('matches the reference with given edges', () => {
    const r = psi(ref.scoreDev, ref.scoreNew, { edges: [500, 550, 600, 650, 700] });
    expectClose(r.psi, ref.psi.scoreEdges.psi);
    expectBinsClose(r.bins, ref.psi.scoreEdges.bins);
    expect(r.bins.map((b) => b.label)).toEqual(['(-inf, 500]', '(500, 550]', '(550, 600]', '(600, 650]', '(650, 700]', '(700, inf)']);
  });

  it('counts missing values (NaN) in a bin of their own', () => {
    const r = psi(incomeDev, Float64Array.from(incomeNew));
    expectClose(r.psi, ref.psi.income.psi);
    expectBinsClose(r.bins, ref.psi.income.bins);
    expect(r.bins.at(-1)!.label).toBe('missing');
  });

  it('is 0 for identical samples and uses the stated epsilon for an empty bin', () => {
    expect(psi([1, 2, 3, 4], [4, 3, 2, 1]).psi).toBe(0);
    // Expected bins (-inf, 1], (1, inf) with shares 1/2, 1/2; actual falls all in the second.
    const r = psi([1, 2], [5, 6], { bins: 2 });
    const empty = (EMPTY_BIN_SHARE - 0.5) * Math.log(EMPTY_BIN_SHARE / 0.5);
    const full = (1 - 0.5) * Math.log(1 / 0.5);
    expectClose(r.psi, empty + full, 1e-14);
  });

  it('names bad options and values', () => {
    expect(() => psi([1, 2], [1, 2], { edges: [2, 1] })).toThrow(/options.edges\[1\] must be above/);
    expect(() => psi([1, 2], [1, 2], { bins: 0 })).toThrow(/options.bins must be an integer >= 1/);
    expect(() => psi([1, 2], ['x' as unknown as number])).toThrow(/actual\[0\] must be a number/);
    expect(() => psi([], [1])).toThrow(/expected must not be empty/);
  });
});

describe('psiFromShares', () => {
  it('hand-checked', () => {
    const r = psiFromShares([0.5, 0.5], [0.25, 0.75]);
    const expected = (0.25 - 0.5) * Math.log(0.5) + (0.75 - 0.5) * Math.log(1.5);
    expectClose(r.psi, expected, 1e-14);
    expect(r.bins).toHaveLength(2);
  });

  it('agrees with psi on the reference bins', () => {
    const bins = ref.psi.score.bins;
    const r = psiFromShares(
      bins.map((b) => b.expectedShare),
      bins.map((b) => b.actualShare),
    );
    expectClose(r.psi, ref.psi.score.psi);
  });

  it('rejects shares that do not sum to 1 or differ in length', () => {
    expect(() => psiFromShares([0.5, 0.4], [0.5, 0.5])).toThrow(/expectedShares must sum to 1/);
    expect(() => psiFromShares([1], [0.5, 0.5])).toThrow(/actualShares has length 2 but expectedShares has length 1/);
    expect(() => psiFromShares([1.5, -0.5], [0.5, 0.5])).toThrow(/expectedShares\[0\] must be a share/);
  });
});
