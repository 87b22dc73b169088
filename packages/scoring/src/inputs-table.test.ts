// The input hash is part of a score's lineage: it must stay the digest of the same bytes (per cell: "n"
// and the float64's eight bytes, "m" for missing, "t<length>:<text>" for text), row after row.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inputHashes, inputsTable } from './inputs-table.ts';

function expected(cells: (number | string)[]): string {
  const hash = createHash('sha256');
  for (const cell of cells) {
    if (typeof cell === 'string') hash.update(`t${cell.length}:${cell}`);
    else if (Number.isNaN(cell)) hash.update('m');
    else hash.update('n').update(Buffer.from(new Float64Array([cell]).buffer));
  }
  return hash.digest('hex');
}

/** Each row's digest, as hex, out of the batch's one array of them (32 bytes a row). */
const hexOf = (digests: Uint8Array): string[] =>
  Array.from({ length: digests.length / 32 }, (_, r) => Buffer.from(digests.subarray(r * 32, r * 32 + 32)).toString('hex'));

describe('inputsTable', () => {
  it('takes each column from the exposure, else its obligor, and hashes exactly the cells the model reads', () => {
    const table = inputsTable(
      [
        {
          exposureId: 'e1',
          obligorId: 'o1',
          exposure: { columns: ['PAY_0', 'SEGMENT'], values: Float64Array.from([2, Number.NaN]), texts: { SEGMENT: 'SMEé' } },
          obligor: { columns: ['ratio'], values: Float64Array.from([1.25]), texts: null },
        },
        {
          exposureId: 'e2',
          obligorId: 'o2',
          exposure: null,
          obligor: { columns: ['ratio', 'PAY_0'], values: Float64Array.from([-0, 0.1]), texts: null },
        },
        // A long text grows the bytes past their first size.
        {
          exposureId: 'e3',
          obligorId: 'o3',
          exposure: { columns: ['SEGMENT'], values: Float64Array.from([Number.NaN]), texts: { SEGMENT: 'x'.repeat(500) } },
          obligor: null,
        },
        // Numbers after the bytes grew are written into the grown array.
        {
          exposureId: 'e4',
          obligorId: 'o4',
          exposure: { columns: ['PAY_0', 'ratio'], values: Float64Array.from([3.5, -1e-300]), texts: null },
          obligor: null,
        },
      ],
      ['PAY_0', 'ratio', 'SEGMENT'],
    );
    const hashes = hexOf(inputHashes(table));
    expect(hashes).toEqual([
      expected([2, 1.25, 'SMEé']),
      expected([0.1, -0, Number.NaN]),
      expected([Number.NaN, Number.NaN, 'x'.repeat(500)]),
      expected([3.5, -1e-300, Number.NaN]),
    ]);
    expect(new Set(hashes).size).toBe(4);
    expect([...table.columns[0]!.numbers]).toEqual([2, 0.1, Number.NaN, 3.5]);
    expect(table.columns[2]!.texts).toEqual(['SMEé', 'x'.repeat(500)]);
  });

  it('counts missing numbers per column, and a text cell is not a number', () => {
    const table = inputsTable(
      [
        {
          exposureId: 'e1',
          obligorId: 'o1',
          exposure: { columns: ['PAY_0', 'SEGMENT'], values: Float64Array.from([2, Number.NaN]), texts: { SEGMENT: 'SME' } },
          obligor: { columns: ['ratio'], values: Float64Array.from([Number.NaN]), texts: null },
        },
        { exposureId: 'e2', obligorId: 'o2', exposure: null, obligor: null },
      ],
      ['PAY_0', 'ratio', 'SEGMENT'],
    );
    expect(table.columns.map((c) => c.missingCount)).toEqual([1, 2, 1]);
    expect([...table.columns[2]!.textCodes!]).toEqual([0, -1]);
    expect(hexOf(inputHashes(table))).toEqual([expected([2, Number.NaN, 'SME']), expected([Number.NaN, Number.NaN, Number.NaN])]);
  });
});
