import type { Table } from '../data/table.ts';

/** Rows of a table to encode (all when omitted): output row i is table row rows[i]. */
export type RowSelection = Int32Array | undefined;

export function selectionSize(table: Table, rows: RowSelection): number {
  return rows ? rows.length : table.rowCount;
}
