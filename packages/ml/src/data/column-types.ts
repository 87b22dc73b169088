/**
 * Column type inference: numeric, categorical, identifier or date, with caller overrides. Inference
 * errs towards keeping information: a numeric column with a few stray texts stays numeric (the texts
 * become missing and are reported), and small-integer columns are flagged "code-like" so the pipeline
 * can treat status codes such as a months-in-arrears field as levels rather than a straight line.
 */
import { canonicalNumber } from './number-cell.ts';
import type { RawColumn, Table } from './table.ts';
import { describeRows, RowList, type ValidationIssue } from './validation-report.ts';

export type ColumnKind = 'numeric' | 'categorical' | 'identifier' | 'date' | 'target' | 'ignored' | 'unusable';

export interface ColumnProfile {
  name: string;
  kind: ColumnKind;
  /** Numeric column whose values are few small integers (status codes, counts). */
  codeLike: boolean;
  nonMissing: number;
  distinct: number;
  /** Why a column is not a feature (for kinds other than numeric and categorical). */
  reason?: string;
}

export interface SchemaOptions {
  target: string;
  id?: string;
  categorical?: string[];
  ignore?: string[];
}

export interface InferenceSettings {
  /** Share of non-missing cells that must parse as numbers for a column to be numeric. */
  numericShare: number;
  /** Most distinct integer values for a numeric column to count as code-like. */
  maxCodeLevels: number;
}

export const DEFAULT_INFERENCE: InferenceSettings = { numericShare: 0.9, maxCodeLevels: 12 };

const ID_NAME = /^(id|.*[_\s-]id|.*Id|.*ID|identifier|key)$/;
const DATE_TEXT = /^(\d{4}-\d{1,2}-\d{1,2}([T ][\d:.]+Z?)?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})$/;

interface ColumnStats {
  nonMissing: number;
  numericCount: number;
  textCount: number;
  allIntegers: boolean;
  distinctNumbers: number;
  /** Distinct values counting numbers and texts, capped at `cap`. */
  distinct: number;
  textRows: RowList;
}

function columnStats(column: RawColumn, rowCount: number, cap: number): ColumnStats {
  const levels = new Set<string>();
  const numbers = new Set<number>();
  const textRows = new RowList();
  let numericCount = 0;
  let textCount = 0;
  let allIntegers = true;
  for (let row = 0; row < rowCount; row++) {
    const value = column.numbers[row]!;
    if (!Number.isNaN(value)) {
      numericCount++;
      if (!Number.isInteger(value)) allIntegers = false;
      if (numbers.size <= cap) numbers.add(value);
      continue;
    }
    const code = column.textCodes ? column.textCodes[row]! : -1;
    if (code >= 0) {
      textCount++;
      textRows.add(row + 1);
      if (levels.size <= cap) levels.add(column.texts[code]!);
    }
  }
  for (const value of numbers) if (levels.size <= cap) levels.add(canonicalNumber(value));
  return {
    nonMissing: numericCount + textCount,
    numericCount,
    textCount,
    allIntegers,
    distinctNumbers: numbers.size,
    distinct: levels.size,
    textRows,
  };
}

function allDistinct(column: RawColumn, rowCount: number): boolean {
  const seen = new Set<string | number>();
  for (let row = 0; row < rowCount; row++) {
    const code = column.textCodes ? column.textCodes[row]! : -1;
    const key = code >= 0 ? `t${code}` : column.numbers[row]!;
    if (Number.isNaN(key)) continue;
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

function looksLikeDates(column: RawColumn): boolean {
  if (column.texts.length === 0) return false;
  const sample = column.texts.slice(0, 200);
  return sample.filter((text) => DATE_TEXT.test(text)).length >= 0.9 * sample.length;
}

export interface InferredSchema {
  columns: ColumnProfile[];
  issues: ValidationIssue[];
}

export function inferSchema(table: Table, options: SchemaOptions, settings: InferenceSettings = DEFAULT_INFERENCE): InferredSchema {
  const issues: ValidationIssue[] = [];
  const names = new Set(table.columns.map((column) => column.name));
  const listed = [
    ...(options.categorical ?? []).map((name) => ['--categorical', name] as const),
    ...(options.ignore ?? []).map((name) => ['--ignore', name] as const),
    ...(options.id !== undefined ? [['--id', options.id] as const] : []),
  ];
  for (const [flag, name] of listed) {
    if (!names.has(name)) {
      issues.push({
        severity: 'error',
        code: 'unknown-column',
        column: name,
        message: `${flag} names column "${name}", which is not in the data`,
      });
    }
  }
  const categorical = new Set(options.categorical ?? []);
  const ignore = new Set(options.ignore ?? []);
  const cap = Math.max(settings.maxCodeLevels, 64);

  const columns = table.columns.map((column): ColumnProfile => {
    const profile = (kind: ColumnKind, stats?: ColumnStats, codeLike = false, reason?: string): ColumnProfile => ({
      name: column.name,
      kind,
      codeLike,
      nonMissing: stats?.nonMissing ?? 0,
      distinct: stats?.distinct ?? 0,
      ...(reason !== undefined ? { reason } : {}),
    });
    if (column.name === options.target) return profile('target', undefined, false, 'the target');
    if (ignore.has(column.name)) return profile('ignored', undefined, false, 'listed in --ignore');
    const stats = columnStats(column, table.rowCount, cap);
    if (column.name === options.id) return profile('identifier', stats, false, 'the --id column');
    if (stats.nonMissing === 0) {
      issues.push({
        severity: 'warning',
        code: 'all-missing-column',
        column: column.name,
        message: `column "${column.name}" is empty in every row; it is not used`,
      });
      return profile('unusable', stats, false, 'empty in every row');
    }
    if (stats.distinct === 1 && column.missingCount === 0) {
      issues.push({
        severity: 'warning',
        code: 'constant-column',
        column: column.name,
        message: `column "${column.name}" has the same value in every row; it is not used`,
      });
      return profile('unusable', stats, false, 'the same value in every row');
    }
    if (categorical.has(column.name)) return profile('categorical', stats);

    const numeric = stats.numericCount >= settings.numericShare * stats.nonMissing;
    if (numeric) {
      if (stats.textCount > 0) {
        const examples = column.texts
          .slice(0, 3)
          .map((t) => JSON.stringify(t))
          .join(', ');
        issues.push({
          severity: 'warning',
          code: 'text-in-numeric-column',
          column: column.name,
          rows: stats.textRows.rows,
          count: stats.textRows.count,
          message: `numeric column "${column.name}" has text (${examples}) in ${describeRows(stats.textRows.rows, stats.textRows.count)}; those cells are read as missing`,
        });
      }
      const idLike = ID_NAME.test(column.name) && stats.allIntegers && allDistinct(column, table.rowCount);
      if (idLike) {
        issues.push({
          severity: 'warning',
          code: 'identifier-inferred',
          column: column.name,
          message: `column "${column.name}" looks like a row identifier (named like one, every value distinct); it is not used as a feature (pass --id to make it the id)`,
        });
        return profile('identifier', stats, false, 'an identifier (named like one, every value distinct)');
      }
      const codeLike = stats.allIntegers && stats.distinctNumbers <= settings.maxCodeLevels;
      return profile('numeric', stats, codeLike);
    }
    if (looksLikeDates(column)) {
      issues.push({
        severity: 'warning',
        code: 'date-column-ignored',
        column: column.name,
        message: `column "${column.name}" holds dates; dates are not used as features (they drift with time)`,
      });
      return profile('date', stats, false, 'dates (not used as features)');
    }
    if (stats.nonMissing > 20 && stats.distinct > cap && allDistinct(column, table.rowCount)) {
      issues.push({
        severity: 'warning',
        code: 'identifier-inferred',
        column: column.name,
        message: `text column "${column.name}" has a different value in every row, like an identifier; it is not used as a feature`,
      });
      return profile('identifier', stats, false, 'a different text in every row, like an identifier');
    }
    return profile('categorical', stats);
  });
  return { columns, issues };
}
