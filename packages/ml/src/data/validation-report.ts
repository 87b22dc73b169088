/**
 * The validation report: every problem found in a loan file, with the column and the data rows
 * (1-based, header not counted, so row 1 is line 2 of the file) where it occurs. Errors stop training;
 * warnings travel into the model's report.
 */

export type IssueCode =
  | 'missing-target-column'
  | 'missing-target'
  | 'non-binary-target'
  | 'no-defaults'
  | 'no-non-defaults'
  | 'constant-column'
  | 'all-missing-column'
  | 'text-in-numeric-column'
  | 'duplicate-id'
  | 'ragged-row'
  | 'duplicate-column'
  | 'unknown-column'
  | 'identifier-inferred'
  | 'date-column-ignored'
  | 'too-few-rows'
  | 'unseen-level'
  | 'empty-file'
  | 'binary-file'
  | 'csv-syntax'
  | 'text-encoding'
  | 'blank-column-name'
  | 'no-data-rows'
  | 'no-usable-feature'
  | 'memory-budget';

export type Severity = 'error' | 'warning';

export interface ValidationIssue {
  severity: Severity;
  code: IssueCode;
  message: string;
  column?: string;
  /** 1-based data rows where the problem occurs (the first few; `count` has the total). */
  rows?: number[];
  count?: number;
}

export interface ValidationReport {
  ok: boolean;
  issues: ValidationIssue[];
}

/** How many row numbers an issue lists; the count keeps the total. */
export const MAX_LISTED_ROWS = 20;

export function makeReport(issues: ValidationIssue[]): ValidationReport {
  return { ok: !issues.some((issue) => issue.severity === 'error'), issues };
}

/** Collects row numbers for one issue, keeping the first few and the total count. */
export class RowList {
  readonly rows: number[] = [];
  count = 0;

  add(dataRow: number): void {
    this.count++;
    if (this.rows.length < MAX_LISTED_ROWS) this.rows.push(dataRow);
  }
}

export function describeRows(rows: readonly number[], count: number): string {
  const listed = rows.join(', ');
  return count > rows.length ? `rows ${listed} and ${count - rows.length} more` : rows.length === 1 ? `row ${listed}` : `rows ${listed}`;
}

export function formatReport(report: ValidationReport): string {
  if (report.issues.length === 0) return 'No problems found.';
  return report.issues
    .map((issue) => {
      const where = issue.column !== undefined ? ` [column ${issue.column}]` : '';
      return `${issue.severity.toUpperCase()} ${issue.code}${where}: ${issue.message}`;
    })
    .join('\n');
}

export class DataValidationError extends Error {
  readonly report: ValidationReport;

  constructor(report: ValidationReport) {
    const errors = report.issues.filter((issue) => issue.severity === 'error');
    super(`the data has ${errors.length} error(s):\n${formatReport(makeReport(errors))}`);
    this.name = 'DataValidationError';
    this.report = report;
  }
}
