/** Duplicate identifiers: an id that repeats would make splits and scores ambiguous. */
import { cellLevel, type Table, requireColumn } from './table.ts';
import { describeRows, RowList, type ValidationIssue } from './validation-report.ts';

export function findDuplicateIds(table: Table, idColumn: string): ValidationIssue[] {
  const column = requireColumn(table, idColumn);
  const firstRow = new Map<string, number>();
  const duplicates = new RowList();
  const examples: string[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    const id = cellLevel(column, row);
    if (id === null) continue;
    const first = firstRow.get(id);
    if (first === undefined) {
      firstRow.set(id, row + 1);
      continue;
    }
    duplicates.add(row + 1);
    if (examples.length < 3) examples.push(`${JSON.stringify(id)} in rows ${first} and ${row + 1}`);
  }
  if (duplicates.count === 0) return [];
  return [
    {
      severity: 'error',
      code: 'duplicate-id',
      column: idColumn,
      rows: duplicates.rows,
      count: duplicates.count,
      message: `id column "${idColumn}" repeats ids (${examples.join('; ')}); repeated in ${describeRows(duplicates.rows, duplicates.count)}`,
    },
  ];
}
