// The text COPY writer against a real PostgreSQL: rows are encoded into byte chunks as they come, so a
// chunk boundary may fall anywhere; every row must arrive whole and as sent, multi-byte characters and
// escaped fields included, a row larger than a chunk too, from a plain and from an async iterable.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { COPY_NULL, copyField, copyRowsIn } from './copy-text.ts';

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  await client.query('CREATE TEMP TABLE copy_text_probe (n int, label text)');
});

afterAll(async () => {
  await client.end();
});

// Labels that straddle chunk boundaries in every way: one, two, three and four UTF-8 bytes per
// character, characters COPY must escape, NULL, the empty string, and one row far larger than a chunk.
function label(n: number): string | null {
  if (n === 7) return null;
  if (n === 8) return '';
  if (n === 5_000) return 'Ä€😀'.repeat(40_000);
  const pieces = ['Müller', '東京', 'tab\there', 'new\nline', 'back\\slash', 'cr\rhere', '😀', 'plain'];
  return `${n}-${pieces[n % pieces.length]!.repeat(1 + (n % 7))}`;
}
const ROWS = 12_000;
const line = (n: number) => {
  const l = label(n);
  return `${n}\t${l === null ? COPY_NULL : copyField(l)}`;
};

async function copied(): Promise<{ n: number; label: string | null }[]> {
  const { rows } = await client.query<{ n: number; label: string | null }>('SELECT n, label FROM copy_text_probe ORDER BY n');
  await client.query('TRUNCATE copy_text_probe');
  return rows;
}
const expected = Array.from({ length: ROWS }, (_, n) => ({ n, label: label(n) }));

describe('copyRowsIn', () => {
  it('sends every row whole and as written from a plain iterable', async () => {
    await copyRowsIn(
      client,
      'copy_text_probe (n, label)',
      (function* () {
        for (let n = 0; n < ROWS; n++) yield line(n);
      })(),
    );
    expect(await copied()).toEqual(expected);
  });

  it('does the same from an async iterable', async () => {
    await copyRowsIn(
      client,
      'copy_text_probe (n, label)',
      (async function* () {
        for (let n = 0; n < ROWS; n++) yield line(n);
      })(),
    );
    expect(await copied()).toEqual(expected);
  });

  it('does the same sharing the event loop between chunks, with COPY options', async () => {
    let timerRan = false;
    setImmediate(() => (timerRan = true));
    let sentBeforeTimer = ROWS;
    await copyRowsIn(
      client,
      'copy_text_probe (n, label)',
      (function* () {
        for (let n = 0; n < ROWS; n++) {
          if (timerRan && sentBeforeTimer === ROWS) sentBeforeTimer = n;
          yield line(n);
        }
      })(),
      { with: '(FORMAT text)', shareEventLoop: true },
    );
    expect(await copied()).toEqual(expected);
    // The rows that fit in the first 64 KB chunk at most: other work ran before the second chunk was made.
    let firstChunk = 0;
    for (let bytes = 0; bytes + Buffer.byteLength(line(firstChunk)) + 1 <= 65_536; firstChunk++)
      bytes += Buffer.byteLength(line(firstChunk)) + 1;
    expect(sentBeforeTimer).toBeLessThanOrEqual(firstChunk);
  });

  it('sends nothing for no rows, and a lone row larger than a chunk', async () => {
    await copyRowsIn(client, 'copy_text_probe (n, label)', []);
    expect(await copied()).toEqual([]);
    await copyRowsIn(client, 'copy_text_probe (n, label)', [line(5_000)]);
    expect(await copied()).toEqual([{ n: 5_000, label: label(5_000) }]);
  });
});
