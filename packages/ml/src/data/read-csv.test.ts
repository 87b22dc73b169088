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

  it('reports rows with the wrong number of fields, and refuses repeated header names with their positions', async () => {
    const { issues, table } = await readCsvText('a,b,a,c,b\n1,2,3,4,5\n4,5\n6,7,8,9,1,2\n');
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b', 'a_2', 'c', 'b_2']);
    const ragged = issues.find((i) => i.code === 'ragged-row');
    expect(ragged?.rows).toEqual([2, 3]);
    expect(ragged?.severity).toBe('error');
    const duplicate = issues.find((i) => i.code === 'duplicate-column');
    expect(duplicate?.severity).toBe('error');
    expect(duplicate?.message).toContain('"a" at fields 1, 3; "b" at fields 2, 5');
  });

  it('names a blank header field', async () => {
    const { issues, table } = await readCsvText('a,,c\n1,2,3\n');
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'c']);
    expect(issues).toEqual([expect.objectContaining({ code: 'blank-column-name', severity: 'warning' })]);
  });

  it('rejects an empty file and names the line where an unclosed quote opens', async () => {
    await expect(readCsvText('')).rejects.toThrow(/empty/);
    await expect(readCsvText('a,b\n1,2\n3,"unterminated\n4,5\n6,7\n')).rejects.toThrow(/opening a field on line 3 is never closed/);
    await expect(readCsvText('\n\n')).rejects.toThrow(/no CSV rows/);
  });

  it('keeps a bare quote inside an unquoted field as text', async () => {
    const { table } = await readCsvText('screen,y\n15" wide,1\n13",0\n');
    expect(cellValue(column(table, 'screen'), 0)).toBe('15" wide');
  });
});

describe('readCsvText header', () => {
  // Statlog's german.data: whitespace-delimited, no header row.
  const statlog = (rows: number) =>
    Array.from({ length: rows }, (_, i) => `A1${1 + (i % 4)}  ${6 + i}  A3${i % 5}  ${1000 + 7 * i}  ${1 + (i % 2)}`).join('\n') + '\n';

  it('reads a file without a header row (auto) with its columns named 1..N and every row kept', async () => {
    for (const rows of [3, 120]) {
      const { table, header, delimiter } = await readCsvText(statlog(rows), { header: 'auto' });
      expect(delimiter).toBe('whitespace');
      expect(header).toBe(false);
      expect(table.columns.map((c) => c.name)).toEqual(['1', '2', '3', '4', '5']);
      expect(table.rowCount).toBe(rows);
      expect(Array.from(column(table, '2').numbers).slice(0, 3)).toEqual([6, 7, 8]);
      expect(table.columns[0]!.numbers.length).toBe(rows);
      expect(cellLevel(column(table, '1'), rows - 1)).toBe(`A1${1 + ((rows - 1) % 4)}`);
    }
  });

  it('keeps a header row under auto, reads the first row as names by default and as data with no', async () => {
    const named = await readCsvText('id,amount\n1,5\n2,6\n', { header: 'auto' });
    expect(named.header).toBe(true);
    expect(named.table.columns.map((c) => c.name)).toEqual(['id', 'amount']);
    expect(named.table.rowCount).toBe(2);
    const byDefault = await readCsvText(statlog(3));
    expect(byDefault.header).toBe(true);
    expect(byDefault.table.rowCount).toBe(2);
    const no = await readCsvText('id,amount\n1,5\n', { header: 'no' });
    expect(no.table.columns.map((c) => c.name)).toEqual(['1', '2']);
    expect(no.table.rowCount).toBe(2);
  });

  it('numbers ragged rows of a file without a header from its first line', async () => {
    const lines = statlog(80).split('\n');
    lines[59] += '  extra';
    const { issues, header } = await readCsvText(lines.join('\n'), { header: 'auto' });
    expect(header).toBe(false);
    expect(issues).toMatchObject([{ code: 'ragged-row', rows: [60], count: 1 }]);
  });
});

describe('readCsvFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'probity-csv-'));
  const file = (name: string, bytes: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('refuses empty and binary files, saying what they are', async () => {
    await expect(readCsvFile(file('empty.csv', ''))).rejects.toThrow(/empty \(0 bytes\)/);
    await expect(readCsvFile(file('gz.csv', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3])))).rejects.toThrow(/gzip/);
    await expect(readCsvFile(file('x.csv', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])))).rejects.toThrow(/ZIP archive/);
    await expect(readCsvFile(file('nul.csv', new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01])))).rejects.toThrow(/NUL bytes/);
  });

  it('reads Windows-1252 text (with a warning naming the first line that is not UTF-8) and UTF-16', async () => {
    // Invalid bytes within the first 64 KB, and far past them (found while streaming, then re-read).
    for (const plainRows of [3000, 20_000]) {
      const lines = ['city,y', ...Array.from({ length: plainRows }, (_, i) => `plain${i},0`), 'Genève,1', 'Zürich,0'];
      const latin = await readCsvFile(file('latin.csv', Buffer.from(`${lines.join('\n')}\n`, 'latin1')));
      expect(latin.encoding).toBe('windows-1252');
      expect(latin.table.rowCount).toBe(plainRows + 2);
      expect(column(latin.table, 'city').texts.slice(-2)).toEqual(['Genève', 'Zürich']);
      expect(latin.issues).toEqual([expect.objectContaining({ code: 'text-encoding', severity: 'warning' })]);
      expect(latin.issues[0]!.message).toContain(`line ${plainRows + 2}`);
    }
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\r\n1\tGenève\r\n', 'utf16le')]);
    const wide = await readCsvFile(file('utf16.txt', utf16));
    expect(wide.delimiter).toBe('\t');
    expect(cellValue(column(wide.table, 'b'), 0)).toBe('Genève');
  });

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
