import { describe, expect, it } from 'vitest';
import { binIndex, fitBinning, weightOfEvidence } from './binning.ts';
import { sortedFinite } from './quantiles.ts';

function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

describe('weightOfEvidence', () => {
  it('matches a hand computation with half-count smoothing', () => {
    // Two bins: 80 rows with 10 defaults, 20 rows with 10 defaults (G = 80, B = 20).
    const { woe, informationValue } = weightOfEvidence([80, 20], [10, 10]);
    const w0 = Math.log(70.5 / 80.5 / (10.5 / 20.5));
    const w1 = Math.log(10.5 / 80.5 / (10.5 / 20.5));
    expect(woe[0]).toBeCloseTo(w0, 12);
    expect(woe[1]).toBeCloseTo(w1, 12);
    expect(informationValue).toBeCloseTo((70 / 80 - 10 / 20) * w0 + (10 / 80 - 10 / 20) * w1, 12);
  });
});

describe('fitBinning', () => {
  it('gives one bin per value to a code-like input, a missing bin, and bins unseen values by nearness', () => {
    const values = Float64Array.from([0, 1, 1, 2, 2, 2, Number.NaN, 0, 1, 2]);
    const labels = Uint8Array.from([0, 0, 1, 1, 1, 0, 1, 0, 0, 1]);
    const state = fitBinning(sortedFinite(values, allRows(10)), values, allRows(10), labels, 1, {
      maxBins: 10,
      codeLike: true,
      monotone: false,
      minBinShare: 0.05,
    });
    expect(state.edges).toEqual([0.5, 1.5]);
    expect(state.missingBin).toBe(true);
    expect(state.counts).toEqual([2, 3, 4, 1]);
    expect(state.defaults).toEqual([0, 1, 3, 1]);
    expect(binIndex(state, 2.2, 1)).toBe(2);
    expect(binIndex(state, Number.NaN, 1)).toBe(3);
    expect(binIndex(state, -5, 1)).toBe(0);
  });

  it('merges fine bins into monotone default rates in scorecard mode', () => {
    const n = 4000;
    const values = new Float64Array(n);
    const labels = new Uint8Array(n);
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < n; i++) {
      values[i] = random() * 100;
      // Rising risk with a wiggle that fine bins would follow.
      const p = 0.05 + 0.004 * values[i]! + 0.05 * Math.sin(values[i]! / 3);
      labels[i] = random() < p ? 1 : 0;
    }
    const rows = allRows(n);
    const state = fitBinning(sortedFinite(values, rows), values, rows, labels, 50, {
      maxBins: 10,
      codeLike: false,
      monotone: true,
      minBinShare: 0.05,
    });
    expect(state.monotone).toBe('increasing');
    const rates = state.counts.map((c, k) => state.defaults[k]! / c);
    for (let k = 1; k < rates.length; k++) expect(rates[k]!).toBeGreaterThanOrEqual(rates[k - 1]!);
    for (const count of state.counts) expect(count).toBeGreaterThanOrEqual(0.05 * n);
    expect(state.informationValue).toBeGreaterThan(0.1);
    // WoE falls as the default rate rises.
    for (let k = 1; k < state.woe.length; k++) expect(state.woe[k]!).toBeLessThanOrEqual(state.woe[k - 1]!);
  });
});
