// Scoring runs and scores: see ARCHITECTURE.md ("Scoring runs").
import type { LocalDate } from './values.ts';

export type ScoringRunStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** The model that scores a portfolio, and when. */
export interface PortfolioModelLink {
  portfolioId: string;
  modelId: string;
  cron: string;
  timeZone: string;
  linkedById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ScoringRun {
  id: string;
  organizationId: string;
  portfolioId: string;
  modelVersionId: string;
  status: ScoringRunStatus;
  trigger: string;
  slot: Date | null;
  asOf: LocalDate;
  batchSize: number;
  batchCount: number;
  batchesDone: number;
  exposureCount: number;
  scoredCount: number;
  skippedCount: number;
  backend: string | null;
  readMs: number;
  scoreMs: number;
  writeMs: number;
  error: string | null;
  requestedById: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ScoreContribution {
  feature: string;
  contribution: number;
  reason: string;
}

export interface Score {
  runId: string;
  exposureId: string;
  obligorId: string;
  modelVersionId: string;
  asOf: LocalDate;
  inputHash: string;
  pd: number;
  grade: string;
  contributions: ScoreContribution[];
  /** When the run finished (or started, while it runs). */
  scoredAt: Date | null;
}

/** One exposure's inputs for a batch: its own latest features and its obligor's, each with its load's columns. */
export interface ExposureInputs {
  exposureId: string;
  obligorId: string;
  exposure: { columns: readonly string[]; values: Float64Array; texts: Record<string, string> | null } | null;
  obligor: { columns: readonly string[]; values: Float64Array; texts: Record<string, string> | null } | null;
}

/** What a batch job writes for one exposure. */
export interface ScoreToWrite {
  exposureId: string;
  obligorId: string;
  inputHash: string;
  pd: number;
  grade: string;
  /** Explanation units of the top contributions, largest first, and their log-odds shares (same length). */
  reasonFeatures: readonly string[];
  reasonValues: ArrayLike<number>;
}
