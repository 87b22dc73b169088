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

  it('says a header-only file has no data rows, and nothing else', async () => {
    const { table } = await readCsvText('a,b,y\n');
    const prepared = prepareDataset(table, { target: 'y' });
    expect(prepared.report.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'no-data-rows' })]);
    expect(prepared.report.issues[0]!.message).toBe('the file has a header (3 columns) but no data rows');
  });

  it('refuses a file with no usable feature, naming each column set aside and why', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => `${i + 1},name ${i},CH,,2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 2}`);
    const { table } = await readCsvText(`loan_id,customer,country,empty,opened,y\n${rows.join('\n')}\n`);
    const prepared = prepareDataset(table, { target: 'y' });
    const issue = prepared.report.issues.find((i) => i.code === 'no-usable-feature');
    expect(issue?.severity).toBe('error');
    expect(issue?.message).toBe(
      'no column can be used as a feature: "loan_id" (an identifier (named like one, every value distinct)), "customer" (a different text in every row, like an identifier), "country" (the same value in every row), "empty" (empty in every row), "opened" (dates (not used as features)); nothing is left to learn from',
    );
    const onlyTarget = prepareDataset((await readCsvText(`y\n${rows.map((_, i) => i % 2).join('\n')}\n`)).table, { target: 'y' });
    expect(onlyTarget.report.issues.find((i) => i.code === 'no-usable-feature')?.message).toBe(
      'the file has only the target column: there is no feature to learn from',
    );
  });
});
