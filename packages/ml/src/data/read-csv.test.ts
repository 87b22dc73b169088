import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile, readCsvText } from './read-csv.ts';
import { cellLevel, cellValue, findColumn, type Table } from './table.ts';

function column(table: Table, name: string) {
  const found = findColumn(table, name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

describe('readCsvText', () => {
  it('handles a BOM, CRLF, quoted fields with delimiters and newlines, exponents and empty cells', async () => {
    const text = '\ufeffid,amount,name,note\r\n1,5.00E+05,"Smith, J","line one\r\nline two"\r\n2,,Doe,\r\n3,1.5e3,"say ""hi""",x\r\n';
    const { table, delimiter, issues } = await readCsvText(text);
    expect(delimiter).toBe(',');
    expect(issues).toEqual([]);
    expect(table.rowCount).toBe(3);
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'amount', 'name', 'note']);
    const amount = column(table, 'amount');
    expect(Array.from(amount.numbers)).toEqual([500000, Number.NaN, 1500]);
    expect(amount.missingCount).toBe(1);
    expect(cellValue(column(table, 'name'), 0)).toBe('Smith, J');
    expect(cellValue(column(table, 'name'), 2)).toBe('say "hi"');
    expect(cellValue(column(table, 'note'), 0)).toBe('line one\r\nline two');
    expect(cellLevel(column(table, 'note'), 1)).toBeNull();
  });

  it('reads semicolon files with decimal commas and tab files', async () => {
    const semi = await readCsvText('a;b\n1,5;x\n2;y\n');
    expect(semi.delimiter).toBe(';');
    expect(Array.from(column(semi.table, 'a').numbers)).toEqual([1.5, 2]);
    const tab = await readCsvText('a\tb\n1\t2\n');
    expect(tab.delimiter).toBe('\t');
    expect(Array.from(column(tab.table, 'b').numbers)).toEqual([2]);
  });

  it('treats missing tokens as missing and keeps other text', async () => {
    const { table } = await readCsvText('x\nNA\nn/a\n  \n7\n');
    const x = column(table, 'x');
    expect(x.missingCount).toBe(2);
    expect(cellValue(x, 1)).toBe('n/a');
    expect(cellValue(x, 3)).toBe(7);
  });

  it('reports rows with the wrong number of fields, and repeated header names', async () => {
    const { issues, table } = await readCsvText('a,b,a\n1,2,3\n4,5\n6,7,8,9\n');
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b', 'a_2']);
    const ragged = issues.find((i) => i.code === 'ragged-row');
    expect(ragged?.rows).toEqual([2, 3]);
    expect(ragged?.severity).toBe('error');
    expect(issues.find((i) => i.code === 'duplicate-column')?.column).toBe('a');
  });

  it('rejects an empty file and names the line of a broken quote', async () => {
    await expect(readCsvText('')).rejects.toThrow(/empty/);
    await expect(readCsvText('a,b\n1,2\n3,"unterminated\n')).rejects.toThrow(/line 3/);
  });
});

describe('readCsvFile', () => {
  it('streams a file, sniffs its delimiter and hashes its bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probity-csv-'));
    const path = join(dir, 'loans.csv');
    const lines = ['id|limit|grade'];
    for (let i = 0; i < 2500; i++) lines.push(`${i}|${i * 10}|${'ABC'[i % 3]}`);
    const text = `${lines.join('\n')}\n`;
    writeFileSync(path, text);
    const result = await readCsvFile(path);
    expect(result.delimiter).toBe('|');
    expect(result.table.rowCount).toBe(2500);
    expect(result.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(result.bytes).toBe(Buffer.byteLength(text));
    expect(column(result.table, 'limit').numbers[2499]).toBe(24990);
    expect(column(result.table, 'grade').texts).toEqual(['A', 'B', 'C']);
  });
});
