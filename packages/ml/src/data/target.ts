/**
 * Reads the target column into 0/1 labels. The default value is compared as a level, so "1", "1.0"
 * and "1.00E+00" all mean default; any other single value means non-default. Missing targets, a third
 * value, or a file with only one class are errors with the rows named.
 */
import { parseNumberCell, canonicalNumber } from './number-cell.ts';
import { cellLevel, type Table } from './table.ts';
import { describeRows, RowList, type ValidationIssue } from './validation-report.ts';
import { columnList } from './column-list.ts';

export interface TargetSpec {
  column: string;
  /** The value that means default; "1" unless told otherwise. */
  defaultValue?: string;
}

export interface Labels {
  labels: Uint8Array;
  /** The target's non-default value as found in the data (for the model report). */
  nonDefaultValue: string | null;
  issues: ValidationIssue[];
}

function canonicalLevel(text: string): string {
  const value = parseNumberCell(text.trim());
  return Number.isNaN(value) ? text.trim() : canonicalNumber(value);
}

export function extractLabels(table: Table, spec: TargetSpec): Labels {
  const issues: ValidationIssue[] = [];
  const column = table.columns.find((c) => c.name === spec.column);
  if (!column) {
    issues.push({
      severity: 'error',
      code: 'missing-target-column',
      column: spec.column,
      message: `target column "${spec.column}" is not in the data (columns: ${columnList(table.columns.map((c) => c.name))})`,
    });
    return { labels: new Uint8Array(table.rowCount), nonDefaultValue: null, issues };
  }
  const defaultLevel = canonicalLevel(spec.defaultValue ?? '1');
  const labels = new Uint8Array(table.rowCount);
  const missing = new RowList();
  const others = new Map<string, RowList>();
  let defaults = 0;
  for (let row = 0; row < table.rowCount; row++) {
    const level = cellLevel(column, row);
    if (level === null) {
      missing.add(row + 1);
      continue;
    }
    if (level === defaultLevel) {
      labels[row] = 1;
      defaults++;
      continue;
    }
    let rows = others.get(level);
    if (!rows) {
      rows = new RowList();
      others.set(level, rows);
    }
    rows.add(row + 1);
  }
  if (missing.count > 0) {
    issues.push({
      severity: 'error',
      code: 'missing-target',
      column: spec.column,
      rows: missing.rows,
      count: missing.count,
      message: `the target "${spec.column}" is missing in ${describeRows(missing.rows, missing.count)}`,
    });
  }
  const otherLevels = [...others.entries()].sort((a, b) => b[1].count - a[1].count);
  if (otherLevels.length > 1) {
    const [, ...extra] = otherLevels;
    const rows = extra
      .flatMap(([, list]) => list.rows)
      .sort((a, b) => a - b)
      .slice(0, 20);
    const count = extra.reduce((sum, [, list]) => sum + list.count, 0);
    const values = otherLevels.map(([level, list]) => `${JSON.stringify(level)} (${list.count} rows)`).join(', ');
    issues.push({
      severity: 'error',
      code: 'non-binary-target',
      column: spec.column,
      rows,
      count,
      message: `the target "${spec.column}" must have two values: the default value ${JSON.stringify(defaultLevel)} and one other, but has ${values}; unexpected values in ${describeRows(rows, count)}`,
    });
  }
  const nonDefaults = table.rowCount - missing.count - defaults;
  if (defaults === 0) {
    issues.push({
      severity: 'error',
      code: 'no-defaults',
      column: spec.column,
      message: `no row has the default value ${JSON.stringify(defaultLevel)} in "${spec.column}" (use --default-value to name it)`,
    });
  }
  if (nonDefaults === 0) {
    issues.push({
      severity: 'error',
      code: 'no-non-defaults',
      column: spec.column,
      message: `every row of "${spec.column}" is a default; a model needs non-defaults too`,
    });
  }
  return { labels, nonDefaultValue: otherLevels[0]?.[0] ?? null, issues };
}
