// A batch's exposures as the table the model reads: one column per required column, taken from the
// exposure's own features or else its obligor's; and, apart, a SHA-256 per row of exactly those inputs
// (the float64 bits of each number, or the text), so a score says which data it was computed from. The
// digests read the table alone, so a batch works them out while the scorer's thread scores the table
// (score-batch.ts); callers that store no score (a challenger's shadow scores, on-demand scoring) skip them.
import { hash as sha } from 'node:crypto';
import { INPUT_HASH_BYTES, type BytePool, type ExposureInputs } from '@probity/db';
import type { Table } from '@probity/ml';

type RawColumn = Table['columns'][number];

/**
 * With a pool, every number column is a view of one array taken from it (a batch's table, about a
 * megabyte, reused by the next batch): the caller hands it back with releaseTable once nothing reads
 * the table any more.
 */
export function inputsTable(rows: readonly ExposureInputs[], columns: readonly string[], pool?: BytePool): Table {
  const n = rows.length;
  const store = pool ? new Float64Array(pool.take(n * columns.length * 8), 0, n * columns.length) : null;
  const built: RawColumn[] = columns.map((name, c) => ({
    name,
    numbers: (store ? store.subarray(c * n, (c + 1) * n) : new Float64Array(n)).fill(Number.NaN),
    textCodes: null,
    texts: [],
    missingCount: 0,
  }));
  const textIndex = columns.map(() => new Map<string, number>());
  // Column positions per load's column list (a batch has a handful of distinct lists).
  const positions = new Map<readonly string[], Int32Array>();
  const positionsOf = (list: readonly string[]): Int32Array => {
    let p = positions.get(list);
    if (!p) {
      const at = new Map(list.map((c, i) => [c, i]));
      p = Int32Array.from(columns, (c) => at.get(c) ?? -1);
      positions.set(list, p);
    }
    return p;
  };
  for (let r = 0; r < n; r++) {
    const row = rows[r]!;
    const own = row.exposure ? positionsOf(row.exposure.columns) : null;
    const theirs = row.obligor ? positionsOf(row.obligor.columns) : null;
    for (let c = 0; c < columns.length; c++) {
      const column = built[c]!;
      let data: ExposureInputs['exposure'] = null;
      let index = -1;
      if (own && own[c]! >= 0) {
        data = row.exposure;
        index = own[c]!;
      } else if (theirs && theirs[c]! >= 0) {
        data = row.obligor;
        index = theirs[c]!;
      }
      const text = data?.texts?.[columns[c]!];
      if (text !== undefined) {
        let code = textIndex[c]!.get(text);
        if (code === undefined) {
          code = column.texts.length;
          column.texts.push(text);
          textIndex[c]!.set(text, code);
        }
        column.textCodes ??= new Int32Array(n).fill(-1);
        column.textCodes[r] = code;
        continue;
      }
      const value = data ? data.values[index]! : Number.NaN;
      column.numbers[r] = value;
      if (Number.isNaN(value)) column.missingCount++;
    }
  }
  return { rowCount: n, columns: built };
}

/** Hands a table's numbers (inputsTable with `pool`) back to the pool; nothing may read the table afterwards. */
export function releaseTable(table: Table, pool: BytePool): void {
  const first = table.columns[0];
  if (first) pool.give(first.numbers.buffer);
}

/** inputHashes' bytes, kept between calls. */
let hashScratch = new Uint8Array(0);
const utf8 = new TextEncoder();

/**
 * Each row's SHA-256 of its cells in column order: "t<length>:<text>" for a text, "m" for a missing
 * number, "n" and the float64's eight bytes (little-endian) for a number; row r's 32 bytes from r x 32.
 * Every row's bytes are gathered first, one after another in one array, and each row is then hashed in
 * one call through a plain view of its bytes (a hash object per row, fed cell by cell, cost more than the
 * scoring; a Buffer view per row, and a row's buffer filled and hashed in turn, about a fifth more than
 * this). Doubles go in through a DataView, about six times cheaper per cell than writeDoubleLE. The
 * digest comes back as a 'binary' (latin1) string, a character a byte: the cheapest of one-shot hash's
 * outputs (a Buffer per row cost three times as much, a hex string's encoding and the writer's decoding
 * of it more too), and its bytes go into the one array.
 */
export function inputHashes(table: Table): Uint8Array {
  const { rowCount: n, columns } = table;
  const width = columns.length;
  const hashes = new Uint8Array(n * INPUT_HASH_BYTES);
  // Room for every cell as a number (9 bytes); a text longer than that grows it. The array is kept for
  // the next batch (this runs start to end with no await): a megabyte a batch less for the collector.
  // (No closure here touches `bytes` or `length`: variables a closure captures live in a heap context,
  // and every cell's read and write of them through it cost more than packing the cell.)
  const room = n * width * 9 + 64;
  let bytes = hashScratch.length >= room ? hashScratch : new Uint8Array(room);
  let view = new DataView(bytes.buffer);
  let length = 0;
  const numbers = columns.map((column) => column.numbers);
  const codes = columns.map((column) => column.textCodes);
  const rowStart = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) {
    rowStart[r] = length;
    for (let c = 0; c < width; c++) {
      const textCodes = codes[c];
      const code = textCodes ? textCodes[r]! : -1;
      if (code >= 0) {
        const text = columns[c]!.texts[code]!;
        const cell = utf8.encode(`t${text.length}:${text}`);
        // Enough for this cell and every cell after it as a number.
        const need = length + cell.length + ((n - r) * width - c) * 9;
        if (need > bytes.length) {
          bytes = grown(bytes, length, need);
          view = new DataView(bytes.buffer);
        }
        bytes.set(cell, length);
        length += cell.length;
        continue;
      }
      const value = numbers[c]![r]!;
      if (value !== value) {
        bytes[length++] = 0x6d; // 'm': missing (NaN)
      } else {
        bytes[length] = 0x6e; // 'n', then the float64's bytes in the machine's (little-endian) order
        view.setFloat64(length + 1, value, true);
        length += 9;
      }
    }
  }
  rowStart[n] = length;
  hashScratch = bytes;
  for (let r = 0; r < n; r++) {
    const digest = sha('sha256', new Uint8Array(bytes.buffer, rowStart[r], rowStart[r + 1]! - rowStart[r]!), 'binary');
    const at = r * INPUT_HASH_BYTES;
    for (let i = 0; i < INPUT_HASH_BYTES; i++) hashes[at + i] = digest.charCodeAt(i);
  }
  return hashes;
}

/** A larger copy of the first `length` bytes: at least `need` bytes, and at least twice as many. */
function grown(bytes: Uint8Array, length: number, need: number): Uint8Array<ArrayBuffer> {
  const larger = new Uint8Array(Math.max(bytes.length * 2, need));
  larger.set(bytes.subarray(0, length));
  return larger;
}
