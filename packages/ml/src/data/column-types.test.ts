import { describe, expect, it } from 'vitest';
import { inferSchema } from './column-types.ts';
import { readCsvText } from './read-csv.ts';

async function schemaOf(text: string, options: Parameters<typeof inferSchema>[1]) {
  const { table } = await readCsvText(text);
  const schema = inferSchema(table, options);
  return { ...schema, kind: (name: string) => schema.columns.find((c) => c.name === name) };
}

function rows(n: number, make: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => make(i)).join('\n');
}

describe('inferSchema', () => {
  it('infers numeric, code-like, categorical, identifier and date columns', async () => {
    const text = `loan_id,amount,status,region,opened,y\n${rows(60, (i) => `${1000 + i},${(i * 37) % 1000}.5,${i % 4},${['north', 'south', 'east'][i % 3]},2021-0${(i % 9) + 1}-1${i % 9},${i % 2}`)}`;
    const s = await schemaOf(text, { target: 'y' });
    expect(s.kind('loan_id')?.kind).toBe('identifier');
    expect(s.kind('amount')).toMatchObject({ kind: 'numeric', codeLike: false });
    expect(s.kind('status')).toMatchObject({ kind: 'numeric', codeLike: true });
    expect(s.kind('region')?.kind).toBe('categorical');
    expect(s.kind('opened')?.kind).toBe('date');
    expect(s.kind('y')?.kind).toBe('target');
    expect(s.issues.map((i) => i.code).sort()).toEqual(['date-column-ignored', 'identifier-inferred']);
  });

  it('lets the caller override: categorical, ignore and id', async () => {
    const text = `code,amount,key,y\n${rows(30, (i) => `${i % 5},${i * 3},${i},${i % 2}`)}`;
    const s = await schemaOf(text, { target: 'y', categorical: ['code'], ignore: ['amount'], id: 'key' });
    expect(s.kind('code')?.kind).toBe('categorical');
    expect(s.kind('amount')?.kind).toBe('ignored');
    expect(s.kind('key')?.kind).toBe('identifier');
  });

  it('reports an override naming an unknown column as an error', async () => {
    const s = await schemaOf('a,y\n1,0\n2,1\n', { target: 'y', categorical: ['nope'] });
    expect(s.issues).toContainEqual(expect.objectContaining({ severity: 'error', code: 'unknown-column', column: 'nope' }));
  });

  it('keeps a numeric column with stray text numeric and names the rows and column', async () => {
    const text = `income,y\n${rows(40, (i) => (i === 6 || i === 17 ? 'unknown' : String(1000 + i * 10)) + `,${i % 2}`)}`;
    const s = await schemaOf(text, { target: 'y' });
    expect(s.kind('income')?.kind).toBe('numeric');
    const issue = s.issues.find((i) => i.code === 'text-in-numeric-column');
    expect(issue).toMatchObject({ severity: 'warning', column: 'income', rows: [7, 18], count: 2 });
    expect(issue?.message).toMatch(/"unknown"/);
  });

  it('warns about constant and all-missing columns and leaves them out', async () => {
    const text = `flat,empty,x,y\n${rows(25, (i) => `7,,${i},${i % 2}`)}`;
    const s = await schemaOf(text, { target: 'y' });
    expect(s.kind('flat')?.kind).toBe('unusable');
    expect(s.kind('empty')?.kind).toBe('unusable');
    expect(s.issues).toContainEqual(expect.objectContaining({ code: 'constant-column', column: 'flat', severity: 'warning' }));
    expect(s.issues).toContainEqual(expect.objectContaining({ code: 'all-missing-column', column: 'empty', severity: 'warning' }));
  });
});
