/** Rows [from, to) of a table as a table of views (no copy), so a batch is encoded in O(rows of the batch). */
import type { Table } from '../../data/table.ts';

export function sliceTable(table: Table, from: number, to: number): Table {
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= table.rowCount)) {
    throw new Error(`rows ${from}..${to} are outside the table (0..${table.rowCount})`);
  }
  return {
    rowCount: to - from,
    columns: table.columns.map((column) => {
      const numbers = column.numbers.subarray(from, to);
      let missingCount = 0;
      for (let i = 0; i < numbers.length; i++) if (Number.isNaN(numbers[i]!) && (column.textCodes?.[from + i] ?? -1) < 0) missingCount++;
      return {
        name: column.name,
        numbers,
        textCodes: column.textCodes ? column.textCodes.subarray(from, to) : null,
        texts: column.texts,
        missingCount,
      };
    }),
  };
}
