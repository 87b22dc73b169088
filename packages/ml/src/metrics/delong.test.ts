import { describe, expect, it } from 'vitest';
import { auc } from './auc.ts';
import { aucDeLong, deLongCompare } from './delong.ts';
import { expectClose, loadFixture } from './fixtures.test-support.ts';

const ref = loadFixture('portfolio');

describe('aucDeLong', () => {
  it('matches the pairwise-kernel DeLong reference (numpy) with a 95% interval', () => {
    const r = aucDeLong(ref.labels, ref.pdA);
    const e = ref.deLong.pdA;
    expectClose(r.auc, e.auc);
    expectClose(r.se, e.se);
    expectClose(r.lower, e.lower);
    expectClose(r.upper, e.upper);
  });

  it('reports exactly the AUC that auc() gives', () => {
    expect(aucDeLong(ref.labels, ref.pdB).auc).toBe(auc(ref.labels, ref.pdB));
  });

  it('handles heavy ties and another confidence level', () => {
    const r = aucDeLong(ref.labels, ref.points, 0.9);
    const e = ref.deLong.pointsAt90;
    expectClose(r.auc, e.auc);
    expectClose(r.se, e.se);
    expectClose(r.lower, e.lower);
    expectClose(r.upper, e.upper);
  });

  it('hand-checked: 2 defaults and 2 non-defaults', () => {
    // Placements: defaults 0.9 -> 1, 0.3 -> 1/2; non-defaults 0.5 -> 1/2, 0.1 -> 1.
    // AUC = 3/4; S10 = S01 = var([1, 1/2]) = 1/8; Var = 1/16 + 1/16.
    const r = aucDeLong([1, 1, 0, 0], [0.9, 0.3, 0.5, 0.1]);
    expect(r.auc).toBe(0.75);
    expectClose(r.se, Math.sqrt(1 / 8), 1e-14);
    expect(r.upper).toBe(1); // clipped
  });

  it('rejects classes too small for a variance and bad confidence', () => {
    expect(() => aucDeLong([1, 0, 0], [0.9, 0.3, 0.5])).toThrow(/at least 2 default/);
    expect(() => aucDeLong([1, 1, 0, 0], [0.9, 0.3, 0.5, 0.1], 1)).toThrow(/confidence must be in \(0, 1\)/);
  });
});

describe('deLongCompare', () => {
  it('matches the reference paired test of two correlated models', () => {
    const r = deLongCompare(ref.labels, ref.pdA, ref.pdB);
    const e = ref.deLongCompare;
    expectClose(r.aucA, e.aucA);
    expectClose(r.aucB, e.aucB);
    expectClose(r.diff, e.diff);
    expectClose(r.se, e.se);
    expectClose(r.z, e.z);
    expectClose(r.pValue, e.pValue);
  });

  it('is antisymmetric in the two models', () => {
    const ab = deLongCompare(ref.labels, ref.pdA, ref.pdB);
    const ba = deLongCompare(ref.labels, ref.pdB, ref.pdA);
    expectClose(ba.diff, -ab.diff, 1e-12);
    expectClose(ba.pValue, ab.pValue, 1e-12);
  });

  it('gives p = 1 for two models that rank alike', () => {
    const scores = ref.pdA;
    const r = deLongCompare(
      ref.labels,
      scores,
      scores.map((s) => 10 * s - 3),
    );
    expect(r).toMatchObject({ diff: 0, se: 0, z: 0, pValue: 1 });
  });

  it('names the mismatched argument', () => {
    expect(() => deLongCompare([1, 1, 0, 0], [1, 2, 3, 4], [1, 2, 3])).toThrow(/scoresB has length 3/);
  });
});
