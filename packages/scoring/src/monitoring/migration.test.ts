import { describe, expect, it } from 'vitest';
import { migrationMatrix } from './migration.ts';

describe('migrationMatrix', () => {
  const scale = ['A', 'B', 'C', 'D'];

  it('counts moves between grades on the scale order, by hand', () => {
    const m = migrationMatrix(
      [
        { from: 'A', to: 'A', count: 5 },
        { from: 'A', to: 'B', count: 2 },
        { from: 'B', to: 'D', count: 1 },
        { from: 'C', to: 'A', count: 3 },
        { from: 'D', to: 'D', count: 4 },
        { from: null, to: 'B', count: 6 },
      ],
      scale,
    );
    expect(m.grades).toEqual(scale);
    expect(m.counts).toEqual([
      [5, 2, 0, 0],
      [0, 0, 0, 1],
      [3, 0, 0, 0],
      [0, 0, 0, 4],
    ]);
    expect(m).toMatchObject({ matched: 15, stable: 9, upgrades: 3, downgrades: 3, downgradesTwoPlus: 1, newExposures: 6 });
    // Every matched exposure is in exactly one cell.
    expect(m.counts.flat().reduce((s, c) => s + c, 0)).toBe(m.matched);
  });

  it('adds grades missing from the scale (a scale changed between runs) after it', () => {
    const m = migrationMatrix([{ from: 'OLD', to: 'A', count: 1 }], scale);
    expect(m.grades).toEqual(['A', 'B', 'C', 'D', 'OLD']);
    expect(m.counts[4]).toEqual([1, 0, 0, 0, 0]);
    expect(m.upgrades).toBe(1);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => migrationMatrix([{ from: 'A', to: 'B', count: 1.5 }], scale)).toThrow(/A -> B/);
  });
});
