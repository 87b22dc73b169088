import { describe, expect, it } from 'vitest';
import { findDuplicateIds } from './duplicate-ids.ts';
import { readCsvText } from './read-csv.ts';
import { extractLabels } from './target.ts';

describe('extractLabels', () => {
  it('maps the default value (compared as a number level) to 1', async () => {
    const { table } = await readCsvText('y\n1\n0\n1.0\n1.00E+00\n0\n');
    const result = extractLabels(table, { column: 'y' });
    expect(Array.from(result.labels)).toEqual([1, 0, 1, 1, 0]);
    expect(result.issues).toEqual([]);
    expect(result.nonDefaultValue).toBe('0');
  });

  it('accepts a text default value', async () => {
    const { table } = await readCsvText('status\ndefaulted\nperforming\ndefaulted\n');
    expect(Array.from(extractLabels(table, { column: 'status', defaultValue: 'defaulted' }).labels)).toEqual([1, 0, 1]);
  });

  it('names the rows with a missing target', async () => {
    const { table } = await readCsvText('x,y\na,1\nb,\nc,0\nd,\n');
    const issue = extractLabels(table, { column: 'y' }).issues.find((i) => i.code === 'missing-target');
    expect(issue).toMatchObject({ severity: 'error', column: 'y', rows: [2, 4], count: 2 });
  });

  it('names the rows of a third target value', async () => {
    const { table } = await readCsvText('y\n1\n0\n0\n2\n0\n');
    const issue = extractLabels(table, { column: 'y' }).issues.find((i) => i.code === 'non-binary-target');
    expect(issue).toMatchObject({ severity: 'error', column: 'y', rows: [4], count: 1 });
  });

  it('reports no defaults, no non-defaults and a missing target column', async () => {
    const none = await readCsvText('y\n0\n0\n');
    expect(extractLabels(none.table, { column: 'y' }).issues.map((i) => i.code)).toEqual(['no-defaults']);
    const all = await readCsvText('y\n1\n1\n');
    expect(extractLabels(all.table, { column: 'y' }).issues.map((i) => i.code)).toEqual(['no-non-defaults']);
    expect(extractLabels(all.table, { column: 'target' }).issues[0]).toMatchObject({ code: 'missing-target-column', column: 'target' });
  });
});

describe('findDuplicateIds', () => {
  it('names the repeated ids and their rows', async () => {
    const { table } = await readCsvText('id\n10\n11\n10\nA7\nA7\n12\n');
    const [issue] = findDuplicateIds(table, 'id');
    expect(issue).toMatchObject({ severity: 'error', code: 'duplicate-id', column: 'id', rows: [3, 5], count: 2 });
    expect(issue?.message).toMatch(/"10" in rows 1 and 3/);
  });
});
