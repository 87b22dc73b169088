// A batch's exposures as the table the model reads: one column per required column, taken from the
// exposure's own features or else its obligor's; plus a SHA-256 per row of exactly those inputs (the
// float64 bits of each number, or the text), so a score says which data it was computed from.
import { createHash } from 'node:crypto';
import type { ExposureInputs } from '@probity/db';
import type { Table } from '@probity/ml';

type RawColumn = Table['columns'][number];

interface Source {
  side: 'exposure' | 'obligor';
  index: number;
}

export function inputsTable(rows: readonly ExposureInputs[], columns: readonly string[]): { table: Table; hashes: string[] } {
  const n = rows.length;
  const built: RawColumn[] = columns.map((name) => ({
    name,
    numbers: new Float64Array(n).fill(Number.NaN),
    textCodes: null,
    texts: [],
    missingCount: 0,
  }));
  const textIndex = columns.map(() => new Map<string, number>());
  const hashes = new Array<string>(n);
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
  const bits = new Float64Array(1);
  const bytes = new Uint8Array(bits.buffer);
  for (let r = 0; r < n; r++) {
    const row = rows[r]!;
    const own = row.exposure ? positionsOf(row.exposure.columns) : null;
    const theirs = row.obligor ? positionsOf(row.obligor.columns) : null;
    const hash = createHash('sha256');
    for (let c = 0; c < columns.length; c++) {
      const column = built[c]!;
      const name = columns[c]!;
      let source: Source | null = null;
      if (own && own[c]! >= 0) source = { side: 'exposure', index: own[c]! };
      else if (theirs && theirs[c]! >= 0) source = { side: 'obligor', index: theirs[c]! };
      const data = source ? row[source.side]! : null;
      const text = data?.texts?.[name];
      if (text !== undefined) {
        let code = textIndex[c]!.get(text);
        if (code === undefined) {
          code = column.texts.length;
          column.texts.push(text);
          textIndex[c]!.set(text, code);
        }
        column.textCodes ??= new Int32Array(n).fill(-1);
        column.textCodes[r] = code;
        hash.update(`t${text.length}:${text}`);
        continue;
      }
      const value = data && source ? data.values[source.index]! : Number.NaN;
      column.numbers[r] = value;
      if (Number.isNaN(value)) {
        column.missingCount++;
        hash.update('m');
      } else {
        bits[0] = value;
        hash.update('n');
        hash.update(bytes);
      }
    }
    hashes[r] = hash.digest('hex');
  }
  return { table: { rowCount: n, columns: built }, hashes };
}
