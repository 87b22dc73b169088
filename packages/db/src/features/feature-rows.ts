// Raw feature-store rows (node-postgres, snake_case) -> domain types.
import type { FeatureLevel, FeatureLoad, FeatureSet, FeatureValue } from '../domain/features.ts';
import { localDate } from '../domain/from-rows.ts';

/** node-postgres would read a DATE as local midnight: days travel as text. */
export const FEATURE_LOAD_COLUMNS =
  'id, organization_id, level, as_of::text AS as_of, columns, row_count, sha256, file_name, created_by_id, created_at';

export interface FeatureLoadRow {
  id: string;
  organization_id: string;
  level: FeatureLevel;
  as_of: Date | string;
  columns: string[];
  row_count: number;
  sha256: string;
  file_name: string | null;
  created_by_id: string | null;
  created_at: Date;
}

const day = (value: Date | string): string => (typeof value === 'string' ? value.slice(0, 10) : localDate(value));

export function toFeatureLoad(row: FeatureLoadRow): FeatureLoad {
  return {
    id: row.id,
    organizationId: row.organization_id,
    level: row.level,
    asOf: day(row.as_of),
    columns: row.columns,
    rowCount: row.row_count,
    sha256: row.sha256,
    fileName: row.file_name,
    createdById: row.created_by_id,
    createdAt: row.created_at,
  };
}

/** Zips a row's values with its load's column names. */
export function featureValues(columns: readonly string[], values: readonly number[], texts: Record<string, string> | null): FeatureValue[] {
  return columns.map((name, i) => {
    const text = texts?.[name] ?? null;
    const value = values[i];
    return { name, value: text !== null || value === undefined || Number.isNaN(value) ? null : value, text };
  });
}

export interface FeatureSetRow {
  subject_id: string;
  as_of: Date | string;
  load_id: string;
  columns: string[];
  values: (number | string)[];
  texts: Record<string, string> | null;
}

export function toFeatureSet(level: FeatureLevel, row: FeatureSetRow): FeatureSet {
  // node-postgres parses float8[] elements with parseFloat ('NaN' -> NaN); strings only if a parser is missing.
  const values = row.values.map((v) => (typeof v === 'number' ? v : Number(v)));
  return {
    level,
    subjectId: row.subject_id,
    asOf: day(row.as_of),
    loadId: row.load_id,
    values: featureValues(row.columns, values, row.texts),
  };
}
