/**
 * From a read table to a validated training dataset: column types, labels, groups and one report
 * holding every problem found. Callers decide what to do with errors (training stops on them).
 */
import { type ColumnProfile, inferSchema, type SchemaOptions } from './column-types.ts';
import { findDuplicateIds } from './duplicate-ids.ts';
import { type ColumnGroup, detectGroups } from './groups.ts';
import type { Table } from './table.ts';
import { extractLabels } from './target.ts';
import { noUsableFeature } from './usable-features.ts';
import { makeReport, type ValidationIssue, type ValidationReport } from './validation-report.ts';

export interface DatasetOptions extends SchemaOptions {
  defaultValue?: string;
  /** Caller-named groups of repeated fields (others are detected from names). */
  groups?: ColumnGroup[];
}

export interface PreparedDataset {
  table: Table;
  columns: ColumnProfile[];
  labels: Uint8Array;
  target: { column: string; defaultValue: string; nonDefaultValue: string | null };
  /** The id column: the one named by the caller, else one inferred from name and uniqueness. */
  idColumn: string | undefined;
  groups: ColumnGroup[];
  report: ValidationReport;
}

const MIN_ROWS = 20;

export function prepareDataset(table: Table, options: DatasetOptions, readIssues: ValidationIssue[] = []): PreparedDataset {
  const issues: ValidationIssue[] = [...readIssues];
  if (table.rowCount === 0) {
    // Every other check would only repeat this one in other words.
    issues.push({
      severity: 'error',
      code: 'no-data-rows',
      message: `the file has a header (${table.columns.length} column${table.columns.length === 1 ? '' : 's'}) but no data rows`,
    });
    return {
      table,
      columns: [],
      labels: new Uint8Array(0),
      target: { column: options.target, defaultValue: options.defaultValue ?? '1', nonDefaultValue: null },
      idColumn: undefined,
      groups: [],
      report: makeReport(issues),
    };
  }
  const schema = inferSchema(table, options);
  issues.push(...schema.issues);
  const noFeature = table.columns.some((c) => c.name === options.target) ? noUsableFeature(schema.columns) : null;
  if (noFeature) issues.push(noFeature);
  const target = extractLabels(table, { column: options.target, defaultValue: options.defaultValue });
  issues.push(...target.issues);
  if (options.id !== undefined && table.columns.some((c) => c.name === options.id)) {
    issues.push(...findDuplicateIds(table, options.id));
  }
  if (table.rowCount < MIN_ROWS) {
    issues.push({
      severity: 'error',
      code: 'too-few-rows',
      message: `the data has ${table.rowCount} rows; training needs at least ${MIN_ROWS}`,
    });
  }
  const idColumn = options.id ?? schema.columns.find((c) => c.kind === 'identifier')?.name;
  const numericFeatures = schema.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  const known = new Set(numericFeatures);
  for (const group of options.groups ?? []) {
    for (const column of group.columns) {
      if (!known.has(column)) {
        issues.push({
          severity: 'error',
          code: 'unknown-column',
          column,
          message: `group "${group.name}" names column "${column}", which is not a numeric feature column of the data`,
        });
      }
    }
  }
  const groups = detectGroups(numericFeatures, options.groups ?? []);
  return {
    table,
    columns: schema.columns,
    labels: target.labels,
    target: { column: options.target, defaultValue: options.defaultValue ?? '1', nonDefaultValue: target.nonDefaultValue },
    idColumn,
    groups,
    report: makeReport(issues),
  };
}
