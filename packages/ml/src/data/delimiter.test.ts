import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { sniffDelimiter, WHITESPACE } from './delimiter.ts';
import { readCsvStream, readCsvText } from './read-csv.ts';

describe('sniffDelimiter', () => {
  it('finds comma, semicolon, tab and pipe', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n')).toBe(',');
    expect(sniffDelimiter('a;b;c\n1,5;2;3\n4;5,5;6\n')).toBe(';');
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(sniffDelimiter('a|b\n1|2\n')).toBe('|');
  });

  it('ignores delimiters inside quotes and handles a BOM and CRLF', () => {
    expect(sniffDelimiter('\ufeffname;note\r\n"Smith, J";"a, b, c"\r\n"Doe";"x"\r\n')).toBe(';');
  });

  it('finds whitespace-delimited files (runs of blanks, as the UCI Statlog files) and reads them like any other', async () => {
    const statlog = 'status duration history amount target\nA11  6 A34   1169 1\n A12 48 A32 5951 2\nA14\t12 A34 2096 1\n';
    expect(sniffDelimiter(statlog)).toBe(WHITESPACE);
    expect(sniffDelimiter('a b c\n1 2 3\n')).toBe(WHITESPACE);
    // A comma file whose text cells hold spaces stays a comma file.
    expect(sniffDelimiter('name,city\nJo Smith,New York\nAl Li,San Jose\n')).toBe(',');
    const { table, delimiter } = await readCsvText(statlog);
    expect(delimiter).toBe(WHITESPACE);
    expect(table.columns.map((c) => c.name)).toEqual(['status', 'duration', 'history', 'amount', 'target']);
    expect(Array.from(table.columns[3]!.numbers)).toEqual([1169, 5951, 2096]);
    expect(table.columns[0]!.texts).toEqual(['A11', 'A12', 'A14']);
    // A run of blanks split across two chunks is still one separator.
    const chunks = ['a  b\n1 ', ' 2\n3', '\t 4\n'].map((c) => Buffer.from(c));
    const streamed = await readCsvStream(Readable.from(chunks), { delimiter: WHITESPACE });
    expect(Array.from(streamed.table.columns[1]!.numbers)).toEqual([2, 4]);
  });
});
