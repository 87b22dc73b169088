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
  /** The model's challenger when the run was created: it scored every exposure in shadow. */
  challengerVersionId: string | null;
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

/**
 * What a batch job writes: one score per input the scorer was given, column by column and in the inputs'
 * order (score r is inputs[r]'s), with no object, string or view per score (a run writes a million).
 */
export interface BatchScores {
  count: number;
  pd: Float64Array;
  /** The grade on the master scale of each score. */
  grade: readonly string[];
  /** Each score's SHA-256 of its exact inputs: 32 bytes a score, score r's from r x 32. */
  inputHash: Uint8Array;
  /** Top-reason slots per score: score r's are r x reasonsPerScore onwards, a code below 0 ending its list early. */
  reasonsPerScore: number;
  /** Explanation units of the top contributions, largest first, as places in the run's unit list (BatchScoring.reasonUnits). */
  reasonCodes: Int32Array;
  /** Their log-odds shares, in the same slots. */
  reasonValues: Float64Array;
}

/** What on-demand scoring of one obligor needs, read in one transaction: each exposure's model and inputs. */
export interface ObligorScoringContext {
  obligorId: string;
  asOf: LocalDate;
  exposures: {
    exposureId: string;
    externalId: string;
    portfolioId: string;
    portfolioName: string;
    /** The portfolio's linked model (null: none linked) and that model's champion version (null: none). */
    modelId: string | null;
    championVersionId: string | null;
    inputs: ExposureInputs;
  }[];
  /** The version asked for, if any, with its model and status as they are now. */
  requestedVersion: { id: string; modelId: string; status: string } | null;
}

/** One point of an obligor's score history: an exposure's score in a succeeded run. */
export interface ObligorScorePoint {
  runId: string;
  exposureId: string;
  exposureExternalId: string;
  modelVersionId: string;
  asOf: LocalDate;
  pd: number;
  grade: string;
  scoredAt: Date | null;
}

export interface WhatIfChangeRecord {
  feature: string;
  value: number | null;
  text: string | null;
}

/** Per exposure, what a saved what-if did at saving. */
export interface WhatIfOutcomeRecord {
  exposureId: string;
  modelVersionId: string;
  currentPd: number;
  currentGrade: string;
  scenarioPd: number;
  scenarioGrade: string;
}

export interface WhatIfScenario {
  id: string;
  organizationId: string;
  obligorId: string;
  name: string;
  changes: WhatIfChangeRecord[];
  result: WhatIfOutcomeRecord[];
  asOf: LocalDate;
  createdById: string | null;
  createdAt: Date;
}

/** One master-scale grade of a succeeded run (EAD and LGD of the exposures when the run finished). */
export interface GradeFigures {
  grade: string;
  exposureCount: number;
  /** Decimal string. */
  ead: string;
  /** Sum of PD x EAD over the EAD; null when the EAD is zero. */
  eadWeightedPd: number | null;
  /** Sum of PD x LGD x EAD, decimal string with 2 places. */
  expectedLoss: string;
  minPd: number;
  maxPd: number;
}

/** PD-weighted figures of one succeeded scoring run of a portfolio. */
export interface RunPdFigures {
  runId: string;
  asOf: LocalDate;
  finishedAt: Date | null;
  modelVersionId: string;
  /** Scores counted (a NaN PD counts nowhere). */
  exposureCount: number;
  ead: string;
  eadWeightedPd: number | null;
  expectedLoss: string;
  /** By grade, best (lowest PD) first. */
  grades: GradeFigures[];
}
