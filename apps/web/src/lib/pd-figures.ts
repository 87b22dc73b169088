// The overview's scoring views as chart data and CSV rows: grade distribution of the latest run, and
// the PD trend (the API lists runs newest first; charts read oldest first).
import type { CsvCell } from './chart-export.ts';
import { formatDateTime } from './format.ts';

export interface GradeRow {
  grade: string;
  exposureCount: number;
  ead: string;
  eadWeightedPd?: number | null;
  expectedLoss: string;
  minPd: number;
  maxPd: number;
}

export interface RunPoint {
  runId: string;
  asOf: string;
  finishedAt?: string | null;
  exposureCount: number;
  ead: string;
  eadWeightedPd?: number | null;
  expectedLoss: string;
}

export const GRADE_CSV_HEADERS = ['grade', 'exposures', 'ead', 'share_of_ead', 'ead_weighted_pd', 'expected_loss', 'min_pd', 'max_pd'];

export function gradeChartData(grades: readonly GradeRow[]) {
  return grades.map((g) => ({ label: g.grade, ead: Number(g.ead), exposures: g.exposureCount }));
}

export function gradeCsvRows(grades: readonly GradeRow[]): CsvCell[][] {
  const total = grades.reduce((sum, g) => sum + Number(g.ead), 0);
  return grades.map((g) => [
    g.grade,
    g.exposureCount,
    g.ead,
    total > 0 ? Number(g.ead) / total : null,
    g.eadWeightedPd ?? null,
    g.expectedLoss,
    g.minPd,
    g.maxPd,
  ]);
}

export const TREND_CSV_HEADERS = ['run_id', 'finished_at', 'data_as_of', 'exposures_scored', 'ead', 'ead_weighted_pd', 'expected_loss'];

/** Oldest first, labelled by when each run finished. */
export function trendChartData(runs: readonly RunPoint[]) {
  return [...runs]
    .reverse()
    .map((r) => ({ label: formatDateTime(r.finishedAt ?? null), asOf: r.asOf, eadWeightedPd: r.eadWeightedPd ?? null }));
}

export function trendCsvRows(runs: readonly RunPoint[]): CsvCell[][] {
  return [...runs]
    .reverse()
    .map((r) => [r.runId, r.finishedAt ?? null, r.asOf, r.exposureCount, r.ead, r.eadWeightedPd ?? null, r.expectedLoss]);
}
