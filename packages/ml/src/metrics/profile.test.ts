import { describe, expect, it } from 'vitest';
import { expectClose, fromJsonNumber, loadFixture } from './fixtures.test-support.ts';
import { addCounts, countCategorical, countNumeric, profileCategorical, profileNumeric, stabilityOf, trafficLight } from './profile.ts';

const ref = loadFixture('drift');
const incomeDev = (ref.incomeDev as (number | null)[]).map(fromJsonNumber);
const incomeNew = (ref.incomeNew as (number | null)[]).map(fromJsonNumber);

describe('population profiles', () => {
  it('give the PSI of the pandas reference from stored edges and shares alone', () => {
    const profile = profileNumeric('score', ref.scoreDev);
    // Stored as JSON and read back: only edges and shares survive, and that is enough.
    const stored = JSON.parse(JSON.stringify(profile)) as typeof profile;
    const result = stabilityOf(stored, countNumeric(stored, ref.scoreNew));
    expectClose(result.index, ref.psi.score.psi);
    expect(result.bins.map((b) => b.expectedShare)).toEqual(ref.psi.score.bins.map((b) => b.expectedShare));
    expect(result.bins.map((b) => b.actualShare)).toEqual(ref.psi.score.bins.map((b) => b.actualShare));
  });

  it('keep missing values in a bin of their own (reference with NaN incomes)', () => {
    const profile = profileNumeric('income', incomeDev);
    expect(profile.missingShare).toBeGreaterThan(0);
    const result = stabilityOf(profile, countNumeric(profile, incomeNew));
    expectClose(result.index, ref.psi.income.psi);
    expect(result.bins.at(-1)!.label).toBe('missing');
    const sum = profile.shares.reduce((s, v) => s + v, profile.missingShare);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('match the categorical CSI of the reference, new levels in other/unseen', () => {
    const profile = profileCategorical('region', ref.regionDev);
    const result = stabilityOf(profile, countCategorical(profile, ref.regionNew));
    expectClose(result.index, ref.csi.region.csi);
    expect(result.bins.map((b) => b.label)).toEqual(ref.csi.region.bins.map((b: { level: string | null }) => b.level ?? 'other/unseen'));
  });

  it('sum batch counts to the counts of the whole sample', () => {
    const profile = profileNumeric('score', ref.scoreDev);
    const all = ref.scoreNew;
    const half = Math.floor(all.length / 2);
    const summed = addCounts(countNumeric(profile, all.slice(0, half)), countNumeric(profile, all.slice(half)));
    expect(summed).toEqual(countNumeric(profile, all));
    expect(() => addCounts([1, 2], [1])).toThrow(/different profiles/);
  });

  it('count an identical sample as perfectly stable', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const profile = profileNumeric('x', values);
    expect(stabilityOf(profile, countNumeric(profile, values)).index).toBe(0);
  });

  it('refuse counts that do not fit the profile, and empty samples', () => {
    const profile = profileNumeric('x', [1, 2, 3, 4]);
    expect(() => stabilityOf(profile, [1, 2])).toThrow(/x: expected/);
    expect(() => stabilityOf(profile, countNumeric(profile, []))).toThrow(/empty/);
    expect(() => profileNumeric('y', [])).toThrow(/y: cannot profile/);
  });

  it('read 0.1 and 0.25 as the traffic-light bounds', () => {
    expect([0, 0.0999, 0.1, 0.2499, 0.25, 3].map(trafficLight)).toEqual(['GREEN', 'GREEN', 'AMBER', 'AMBER', 'RED', 'RED']);
  });
});
