import { describe, expect, it } from 'vitest';
import { prepareDataset } from './dataset.ts';
import { readCsvText } from './read-csv.ts';

describe('prepareDataset', () => {
  it('collects every problem with row and column, errors first stopping the run', async () => {
    const lines = ['id,income,flat,y'];
    for (let i = 1; i <= 30; i++) lines.push(`${i === 9 ? 3 : i},${i === 12 ? 'n.a.' : i * 100},1,${i === 20 ? '' : i % 2}`);
    const { table, issues: readIssues } = await readCsvText(`${lines.join('\n')}\n`);
    const prepared = prepareDataset(table, { target: 'y', id: 'id' }, readIssues);
    expect(prepared.report.ok).toBe(false);
    const byCode = new Map(prepared.report.issues.map((i) => [i.code, i]));
    expect(byCode.get('duplicate-id')).toMatchObject({ severity: 'error', column: 'id', rows: [9] });
    expect(byCode.get('missing-target')).toMatchObject({ severity: 'error', column: 'y', rows: [20] });
    expect(byCode.get('text-in-numeric-column')).toMatchObject({ severity: 'warning', column: 'income', rows: [12] });
    expect(byCode.get('constant-column')).toMatchObject({ severity: 'warning', column: 'flat' });
  });

  it('rejects a caller group naming a column that is not numeric', async () => {
    const { table } = await readCsvText(`a,b,y\n${Array.from({ length: 30 }, (_, i) => `${i},x${i % 3},${i % 2}`).join('\n')}\n`);
    const prepared = prepareDataset(table, { target: 'y', groups: [{ name: 'g', columns: ['a', 'b'] }] });
    expect(prepared.report.issues).toContainEqual(expect.objectContaining({ severity: 'error', code: 'unknown-column', column: 'b' }));
  });
});
