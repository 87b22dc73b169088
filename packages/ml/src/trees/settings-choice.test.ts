import { describe, expect, it } from 'vitest';
import { softplus } from '../util/logistic-math.ts';
import { pairedLossDifference } from './settings-choice.ts';

describe('pairedLossDifference', () => {
  it('is zero for the same log-odds and matches a hand computation otherwise', () => {
    const labels = Uint8Array.from([1, 0, 0, 1]);
    const base = Float64Array.from([0, 0, 0, 0]);
    expect(pairedLossDifference(labels, 1, base, base)).toEqual({ mean: 0, se: 0 });
    const other = Float64Array.from([1, -1, 1, 2]);
    const d = [softplus(-1), softplus(-1), softplus(1), softplus(-2)].map((x) => x - Math.log(2));
    const mean = d.reduce((a, b) => a + b) / 4;
    const variance = d.reduce((a, b) => a + b * b, 0) / 4 - mean * mean;
    const r = pairedLossDifference(labels, 1, base, other);
    expect(r.mean).toBeCloseTo(mean, 12);
    expect(r.se).toBeCloseTo(Math.sqrt(variance / 3), 12);
    // Better on the defaults that count twice: the weighted mean falls further.
    expect(pairedLossDifference(labels, 2, base, other).mean).toBeLessThan(r.mean);
  });
});
