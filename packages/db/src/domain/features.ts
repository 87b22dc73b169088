// Model features kept with obligors and exposures (the feature store): see ARCHITECTURE.md.
import type { LocalDate } from './values.ts';

export const FEATURE_LEVELS = ['OBLIGOR', 'EXPOSURE'] as const;
export type FeatureLevel = (typeof FEATURE_LEVELS)[number];

/** One loaded feature file: the columns every row's values are in. */
export interface FeatureLoad {
  id: string;
  organizationId: string;
  level: FeatureLevel;
  asOf: LocalDate;
  columns: string[];
  rowCount: number;
  sha256: string;
  fileName: string | null;
  createdById: string | null;
  createdAt: Date;
}

/** A feature's value: a number, a text (a categorical level), or neither when missing. */
export interface FeatureValue {
  name: string;
  value: number | null;
  text: string | null;
}

/** An obligor's or an exposure's features on one day. */
export interface FeatureSet {
  level: FeatureLevel;
  /** The obligor's or the exposure's id. */
  subjectId: string;
  asOf: LocalDate;
  loadId: string;
  values: FeatureValue[];
}

/** A problem in a feature file, with the column and the 1-based data rows (row 1 is line 2 of the file). */
export interface FeatureIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  column?: string;
  rows?: number[];
  count?: number;
}

export type LoadFeaturesResult = { ok: true; load: FeatureLoad; issues: FeatureIssue[] } | { ok: false; issues: FeatureIssue[] };
