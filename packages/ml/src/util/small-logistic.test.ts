import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.ts';
import { fitSmallLogistic } from './small-logistic.ts';

describe('fitSmallLogistic', () => {
  it('fits scores whose plain average puts every row past the sigmoid bound (it stopped as collinear before)', () => {
    // Log-odds near +50 on every row: at the starting point (weight 1) every PD is exactly 1 in double
    // precision, so the Hessian is zero there.
    const random = seededRandom(5);
    const labels = Float64Array.from({ length: 300 }, () => (random() < 0.2 ? 1 : 0));
    const scores = Float64Array.from(labels, (y) => 50 + (y ? 0.8 : 0) + random());
    const fit = fitSmallLogistic([scores], labels, 1e-6);
    expect(fit.weights[0]).toBeGreaterThan(0.5);
    expect(Number.isFinite(fit.intercept)).toBe(true);
    // Truly collinear inputs still say so.
    expect(() => fitSmallLogistic([scores, Float64Array.from(scores, (s) => 2 * s)], labels, 0)).toThrow(/collinear/);
  });
});
