import { describe, expect, it } from 'vitest';
import { readCsvText } from './read-csv.ts';
import { assignSplit, parseSplit, ROLE_TEST, ROLE_VALIDATION, rowsWithRole } from './split.ts';

describe('parseSplit', () => {
  it('parses mod5 and random:SEED:FRACTION and rejects others', () => {
    expect(parseSplit('mod5')).toEqual({ kind: 'mod5' });
    expect(parseSplit('random:7:0.25')).toEqual({ kind: 'random', seed: 7, fraction: 0.25 });
    expect(() => parseSplit('random:7:1.5')).toThrow(/random:SEED:FRACTION/);
    expect(() => parseSplit('kfold')).toThrow(/--split/);
  });
});

describe('assignSplit', () => {
  it('mod5 puts rows whose id is divisible by 5 in the test set', async () => {
    const { table } = await readCsvText(`id,y\n${Array.from({ length: 20 }, (_, i) => `${i + 1},${i % 2}`).join('\n')}\n`);
    const { roles } = assignSplit(table, 'id', { kind: 'mod5' });
    expect(Array.from(rowsWithRole(roles, ROLE_TEST))).toEqual([4, 9, 14, 19]);
  });

  it('mod5 uses the 0-based row number without an id', async () => {
    const { table } = await readCsvText(`x\n${Array.from({ length: 11 }, (_, i) => i).join('\n')}\n`);
    const { roles } = assignSplit(table, undefined, { kind: 'mod5' });
    expect(Array.from(rowsWithRole(roles, ROLE_TEST))).toEqual([0, 5, 10]);
  });

  it('random splits are reproducible and near the asked fractions', async () => {
    const { table } = await readCsvText(`x\n${Array.from({ length: 5000 }, (_, i) => i).join('\n')}\n`);
    const a = assignSplit(table, undefined, { kind: 'random', seed: 3, fraction: 0.3 });
    const b = assignSplit(table, undefined, { kind: 'random', seed: 3, fraction: 0.3 });
    expect(a.roles).toEqual(b.roles);
    const test = rowsWithRole(a.roles, ROLE_TEST).length / 5000;
    const validation = rowsWithRole(a.roles, ROLE_VALIDATION).length / 5000;
    expect(test).toBeGreaterThan(0.27);
    expect(test).toBeLessThan(0.33);
    expect(validation).toBeGreaterThan(0.7 * 0.2 - 0.03);
    expect(validation).toBeLessThan(0.7 * 0.2 + 0.03);
  });
});
