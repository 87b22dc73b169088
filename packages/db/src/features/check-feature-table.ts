// Checks a feature file read by @probity/ml's CSV reader before anything touches the database: the id
// column, empty and repeated ids, and numeric columns with stray text. Every problem names its column
// and rows, so a file is fixed in one pass.
import type { Table } from '@probity/ml';
import type { FeatureIssue } from '../domain/features.ts';

const MAX_ROWS = 20;

class Rows {
  readonly rows: number[] = [];
  count = 0;
  add(row: number): void {
    this.count++;
    if (this.rows.length < MAX_ROWS) this.rows.push(row);
  }
  describe(): string {
    const listed = this.rows.join(', ');
    if (this.count > this.rows.length) return `rows ${listed} and ${this.count - this.rows.length} more`;
    return this.count === 1 ? `row ${listed}` : `rows ${listed}`;
  }
}

export interface CheckedFeatureTable {
  issues: FeatureIssue[];
  /** Per data row (0-based), its external id ('' when missing). */
  ids: string[];
  /** Indexes into table.columns of the feature columns (every column but the id). */
  featureColumns: number[];
}

/** The cell as the file wrote it, for a column read as text (see the reader's `textColumns`). */
function idText(table: Table, column: number, row: number): string {
  const c = table.columns[column]!;
  const code = c.textCodes?.[row] ?? -1;
  if (code >= 0) return c.texts[code] ?? '';
  const value = c.numbers[row] ?? Number.NaN;
  return Number.isNaN(value) ? '' : String(value);
}

export function checkFeatureTable(table: Table, idColumn: string): CheckedFeatureTable {
  const issues: FeatureIssue[] = [];
  const idIndex = table.columns.findIndex((c) => c.name === idColumn);
  const featureColumns = table.columns.map((_, i) => i).filter((i) => i !== idIndex);
  if (idIndex < 0) {
    issues.push({
      severity: 'error',
      code: 'missing-id-column',
      column: idColumn,
      message: `there is no "${idColumn}" column to say whose features each row holds (columns: ${table.columns.map((c) => c.name).join(', ')})`,
    });
  }
  if (featureColumns.length === 0) {
    issues.push({ severity: 'error', code: 'no-feature-columns', message: 'the file has no feature column besides the id' });
  }
  if (table.rowCount === 0) issues.push({ severity: 'error', code: 'no-data-rows', message: 'the file has a header but no data rows' });

  const ids: string[] = new Array<string>(table.rowCount);
  if (idIndex >= 0) {
    const missing = new Rows();
    const repeated = new Rows();
    const seen = new Set<string>();
    for (let row = 0; row < table.rowCount; row++) {
      const id = idText(table, idIndex, row);
      ids[row] = id;
      if (id === '') missing.add(row + 1);
      else if (seen.has(id)) repeated.add(row + 1);
      else seen.add(id);
    }
    if (missing.count > 0) {
      issues.push({
        severity: 'error',
        code: 'missing-id',
        column: idColumn,
        rows: missing.rows,
        count: missing.count,
        message: `${missing.describe()} have no ${idColumn}`,
      });
    }
    if (repeated.count > 0) {
      issues.push({
        severity: 'error',
        code: 'duplicate-id',
        column: idColumn,
        rows: repeated.rows,
        count: repeated.count,
        message: `${repeated.describe()} repeat an ${idColumn} of an earlier row (one row per ${idColumn} and file)`,
      });
    }
  }

  for (const index of featureColumns) {
    const column = table.columns[index]!;
    if (column.missingCount === table.rowCount && table.rowCount > 0) {
      issues.push({
        severity: 'warning',
        code: 'all-missing-column',
        column: column.name,
        message: `column ${column.name} is empty in every row`,
      });
      continue;
    }
    const codes = column.textCodes;
    if (codes === null) continue;
    // A column of numbers with a few words in it is a typo, not a categorical feature.
    const text = new Rows();
    for (let row = 0; row < table.rowCount; row++) if ((codes[row] ?? -1) >= 0) text.add(row + 1);
    const filled = table.rowCount - column.missingCount;
    if (text.count < filled && text.count <= 0.05 * filled) {
      const examples = text.rows.slice(0, 3).map((r) => `"${column.texts[codes[r - 1]!]}"`);
      issues.push({
        severity: 'error',
        code: 'text-in-numeric-column',
        column: column.name,
        rows: text.rows,
        count: text.count,
        message: `column ${column.name} holds numbers, but ${text.describe()} hold text (${examples.join(', ')})`,
      });
    }
  }
  return { issues, ids, featureColumns };
}
