import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixtures.ts';
import { ScenarioRandom } from './rng.ts';

describe('ScenarioRandom', () => {
  it('is xoshiro128** (reference outputs from state 1, 2, 3, 4)', () => {
    const { outputs } = fixture<{ outputs: number[] }>('xoshiro128starstar.json');
    const random = new ScenarioRandom();
    random.setState(1, 2, 3, 4);
    expect(outputs.map(() => random.nextUint32())).toEqual(outputs);
  });

  it('gives each (seed, scenario) its own reproducible stream', () => {
    const random = new ScenarioRandom();
    const draw = (seed: number, index: number) => {
      random.reset(seed, index);
      return [random.nextUint32(), random.nextUint32(), random.nextUint32()];
    };
    expect(draw(7, 123)).toEqual(draw(7, 123));
    expect(draw(7, 123)).not.toEqual(draw(7, 124));
    expect(draw(7, 123)).not.toEqual(draw(8, 123));
    expect(draw(7, 2 ** 40 + 5)).not.toEqual(draw(7, 5));
    // No two of 20,000 neighbouring scenarios start alike.
    const firsts = new Set<string>();
    for (let i = 0; i < 20000; i++) firsts.add(draw(1, i).join(','));
    expect(firsts.size).toBe(20000);
  });

  it('draws uniforms strictly inside (0, 1) with the right mean and variance', () => {
    const random = new ScenarioRandom();
    random.reset(3, 0);
    let sum = 0;
    let squares = 0;
    const n = 200000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = i % 2 ? random.uniform() : random.uniform53();
      if (!(u > 0 && u < 1)) outside++;
      sum += u;
      squares += u * u;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(squares / n - (sum * sum) / n / n - 1 / 12)).toBeLessThan(0.002);
  });
});
