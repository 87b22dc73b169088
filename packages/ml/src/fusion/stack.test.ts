import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/random.ts';
import { fitStack } from './stack.ts';

describe('fitStack', () => {
  it('recovers the blend that generated the labels', () => {
    const random = seededRandom(4);
    const n = 20000;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = (random() - 0.5) * 4;
      b[i] = 0.5 * a[i]! + (random() - 0.5) * 4;
      y[i] = random() < 1 / (1 + Math.exp(-(0.3 + 0.4 * a[i]! + 0.9 * b[i]!))) ? 1 : 0;
    }
    const fit = fitStack([a, b], y);
    expect(fit.weights[0]).toBeCloseTo(0.4, 1);
    expect(fit.weights[1]).toBeCloseTo(0.9, 1);
    expect(fit.intercept).toBeCloseTo(0.3, 1);
  });
});
