import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guessTargetColumn, validateUpload } from './validate-upload.ts';

const TAIWAN = new URL('../../../../data/taiwan-credit-default.csv', import.meta.url);
const chunks = (text: string, size = 7) =>
  Readable.from(Array.from({ length: Math.ceil(text.length / size) }, (_, i) => Buffer.from(text.slice(i * size, (i + 1) * size))));

describe('validateUpload', () => {
  it('streams the Taiwan file: rows, column types, target found by name, default rate, SHA-256 of the bytes', async () => {
    const result = await validateUpload(createReadStream(TAIWAN, { highWaterMark: 1 << 16 }));
    expect(result.report.ok).toBe(true);
    expect(result.rows).toBe(30_000);
    expect(result.target).toBe('DEFAULT_NEXT_MONTH');
    expect(result.defaults).toBe(6636);
    expect(result.defaultRate).toBeCloseTo(0.2212, 4);
    expect(result.columns.find((c) => c.name === 'ID')?.type).toBe('identifier');
    expect(result.columns.find((c) => c.name === 'LIMIT_BAL')?.type).toBe('numeric');
    expect(result.sha256).toBe(createHash('sha256').update(readFileSync(TAIWAN)).digest('hex'));
  });

  it('names the row and column of every problem', async () => {
    const rows = [
      'id,income,default',
      ...Array.from({ length: 30 }, (_, i) => `${i},${i === 4 ? 'lots' : 100 + i},${i % 3 === 0 ? 1 : 0}`),
    ];
    rows[8] = '7,107'; // ragged: data row 8 (rows[0] is the header)
    rows[12] = '11,111,2'; // a third target value: data row 12
    const result = await validateUpload(chunks(rows.join('\n')), { target: 'default' });
    expect(result.report.ok).toBe(false);
    const ragged = result.report.issues.find((i) => i.code === 'ragged-row');
    expect(ragged?.rows).toEqual([8]);
    const target = result.report.issues.find((i) => i.code === 'non-binary-target');
    expect(target?.column).toBe('default');
    expect(target?.rows).toContain(12);
  });

  it('refuses an empty or binary file and a file with no default flag', async () => {
    expect((await validateUpload(Readable.from([]))).report.issues[0]?.code).toBe('empty-file');
    expect((await validateUpload(Readable.from([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1])]))).report.issues[0]?.code).toBe(
      'binary-file',
    );
    const none = await validateUpload(chunks('a,b\n1,2\n'));
    expect(none.report.issues.map((i) => i.code)).toContain('missing-target-column');
  });

  it('recognises default flags by name', () => {
    expect(guessTargetColumn(['Attr1', 'BANKRUPT'])).toBe('BANKRUPT');
    expect(guessTargetColumn(['x', 'default.payment.next.month'])).toBe('default.payment.next.month');
    expect(guessTargetColumn(['x', 'y2'])).toBeNull();
  });
});
