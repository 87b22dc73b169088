// A batch's exposures as the table the model reads: one column per required column, taken from the
// exposure's own features or else its obligor's; and, apart, a SHA-256 per row of exactly those inputs
// (the float64 bits of each number, or the text), so a score says which data it was computed from. The
// digests read the table alone, so a batch works them out while the scorer's thread scores the table
// (score-batch.ts); callers that store no score (a challenger's shadow scores, on-demand scoring) skip them.
import { hash as sha } from 'node:crypto';
import { INPUT_HASH_BYTES, type ExposureInputs } from '@probity/db';
import type { Table } from '@probity/ml';

type RawColumn = Table['columns'][number];

export function inputsTable(rows: readonly ExposureInputs[], columns: readonly string[]): Table {
  const n = rows.length;
  const built: RawColumn[] = columns.map((name) => ({
    name,
    numbers: new Float64Array(n).fill(Number.NaN),
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

/**
 * Each row's SHA-256 of its cells in column order: "t<length>:<text>" for a text, "m" for a missing
 * number, "n" and the float64's eight bytes (little-endian) for a number; row r's 32 bytes from r x 32.
 * A row's bytes are gathered in one buffer and hashed in one call (a hash object per row, fed cell by
 * cell, cost more than the scoring); doubles go in through a DataView, about six times cheaper per cell
 * than writeDoubleLE. The digest comes back as a 'binary' (latin1) string, a character a byte: the cheapest
 * of one-shot hash's outputs (a Buffer per row cost three times as much, a hex string's encoding and
 * the writer's decoding of it more too), and its bytes go into the one array.
 */
export function inputHashes(table: Table): Uint8Array {
  const { rowCount: n, columns } = table;
  const hashes = new Uint8Array(n * INPUT_HASH_BYTES);
  let buffer = Buffer.alloc(64 + columns.length * 16);
  let view = new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
  let length = 0;
  const reserve = (more: number) => {
    if (length + more <= buffer.length) return;
    const grown = Buffer.alloc(Math.max(buffer.length * 2, length + more));
    buffer.copy(grown, 0, 0, length);
    buffer = grown;
    view = new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
  };
  for (let r = 0; r < n; r++) {
    length = 0;
    for (const column of columns) {
      const code = column.textCodes ? column.textCodes[r]! : -1;
      if (code >= 0) {
        const text = column.texts[code]!;
        const cell = `t${text.length}:${text}`;
        reserve(Buffer.byteLength(cell));
        length += buffer.write(cell, length);
        continue;
      }
      const value = column.numbers[r]!;
      if (Number.isNaN(value)) {
        reserve(1);
        buffer[length++] = 0x6d; // 'm'
      } else {
        reserve(9);
        buffer[length++] = 0x6e; // 'n', then the float64's bytes in the machine's (little-endian) order
        view.setFloat64(length, value, true);
        length += 8;
      }
    }
    const digest = sha('sha256', buffer.subarray(0, length), 'binary');
    const at = r * INPUT_HASH_BYTES;
    for (let i = 0; i < INPUT_HASH_BYTES; i++) hashes[at + i] = digest.charCodeAt(i);
  }
  return hashes;
}
