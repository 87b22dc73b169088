// Portfolio-risk domain types (issue 11): the organization's factor model, stress scenarios, limits,
// the inputs a simulation runs on and the simulation runs themselves. Inputs to the maths are plain
// numbers (the shape @probity/risk reads); amounts the dashboard shows as money stay decimal strings.
import type { JsonValue, LocalDate, Segment } from './values.ts';

/** One version of the organization's factor model (version 0: the built-in default, never stored). */
export interface RiskFactorModel {
  version: number;
  /** One systematic factor per sector. */
  sectors: string[];
  /** Sector factor correlations, sectors x sectors. */
  correlation: number[][];
  /** Asset correlation R per sector (factor loading sqrt(R)); missing sectors use the Basel formula. */
  sectorAssetCorrelation: Record<string, number>;
  note: string | null;
  createdById: string | null;
  /** Null for the built-in default. */
  createdAt: Date | null;
  isDefault: boolean;
}

/** A stress scenario's shocks, as @probity/risk's stressScenarioSchema reads them (name aside). */
export interface StressDefinition {
  factorShocks?: Record<string, number>;
  propagate?: boolean;
  pdMultipliers?: { all?: number; bySector?: Record<string, number>; bySegment?: Record<string, number> };
  lgdAddOns?: { all?: number; bySector?: Record<string, number>; bySegment?: Record<string, number> };
}

export interface StressScenario {
  id: string;
  organizationId: string;
  name: string;
  description: string | null;
  definition: StressDefinition;
  version: number;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const RISK_LIMIT_KINDS = ['SECTOR', 'SINGLE_NAME'] as const;
export type RiskLimitKind = (typeof RISK_LIMIT_KINDS)[number];

export interface RiskLimit {
  id: string;
  organizationId: string;
  kind: RiskLimitKind;
  /** Sector name, obligor external id, or "*" (every obligor without its own single-name limit). */
  key: string;
  /** 1 when created; each set adds 1. An edit names the version it was based on. */
  version: number;
  /** Largest share of the portfolio's EAD (6 places). */
  maxShare: string | null;
  /** Largest EAD (2 places). */
  maxEad: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Where an exposure's PD came from. */
export type PdOrigin = 'REQUEST_EXPOSURE' | 'REQUEST_SECTOR' | 'REQUEST_SEGMENT' | 'REQUEST_FLAT' | 'DEFAULTED' | 'SCORING_RUN';

/** PDs a simulation request supplies while a portfolio has no completed scoring run. */
export interface RequestedPds {
  flat?: number | null;
  bySegment?: { key: string; pd: number }[] | null;
  bySector?: { key: string; pd: number }[] | null;
  byExposure?: { externalId: string; pd: number }[] | null;
}

/** The PD source of a simulation, kept for its lineage. */
export type PdSource =
  | { kind: 'REQUEST'; requested: RequestedPds }
  | { kind: 'SCORING_RUN'; scoringRunId: string; modelVersions: string[]; dataAsOf: LocalDate | null };

/** One exposure as the maths reads it (@probity/risk's exposure shape) plus what the views need. */
export interface RiskInputExposure {
  /** The exposure's external id (errors and views name it). */
  id: string;
  /** The obligor's external id: exposures of one obligor default together. */
  obligorId: string;
  obligorName: string;
  sector: string;
  segment: Segment;
  /** Basel IRB class: CORPORATE and SME (annual sales are not stored, so no firm-size adjustment) corporate; RETAIL cards qrre, other RETAIL other-retail. */
  assetClass: 'corporate' | 'qrre' | 'other-retail';
  ead: number;
  lgd: number;
  pd: number;
  pdOrigin: PdOrigin;
  /**
   * PD at initial recognition (IFRS 9 staging): the recorded one, else the exposure's PD in the
   * portfolio's first succeeded scoring run; null when neither exists (staged on arrears only).
   */
  pdAtOrigination: number | null;
  pdAtOriginationSource: 'RECORDED' | 'FIRST_SCORING_RUN' | null;
  /** Years to maturity (from asOf); null when the exposure has no maturity date. */
  maturity: number | null;
  daysPastDue: number;
  defaulted: boolean;
  watchlist: boolean;
}

export interface ExcludedExposure {
  externalId: string;
  reason: string;
}

export interface PortfolioRiskInputs {
  portfolioId: string;
  asOf: LocalDate;
  pdSource: PdSource;
  exposures: RiskInputExposure[];
  /** Exposures left out (no PD, closed), listed so nothing disappears silently. */
  excluded: ExcludedExposure[];
}

export const RISK_SIMULATION_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type RiskSimulationStatus = (typeof RISK_SIMULATION_STATUSES)[number];

export interface SimulationParameters {
  seed: number;
  levels: number[];
  targetRelativeError: number;
  maxScenarios: number;
  chunkSize: number;
}

export interface SimulationProgress {
  phase: 'queued' | 'base' | 'stressed' | 'contributions' | 'views' | 'done' | 'failed';
  chunksDone: number;
  scenarios: number;
  /** Worst relative standard error of VaR/ES so far (null before the first check). */
  worstRelativeError: number | null;
  targetRelativeError: number;
  /** How many chunk jobs the run fanned out (0: ran in one job). */
  fannedOutJobs: number;
}

/** What simulate-portfolio reads back: the stored inputs the plan is rebuilt from. */
export interface SimulationInputs {
  exposures: RiskInputExposure[];
  factorModel: { sectors: string[]; correlation: number[][]; sectorAssetCorrelation: Record<string, number> };
  limits: RiskLimit[];
}

export interface RiskSimulation {
  id: string;
  organizationId: string;
  portfolioId: string;
  asOf: LocalDate;
  status: RiskSimulationStatus;
  scenarioId: string | null;
  /** The scenario as run: name, version, definition. */
  scenario: { id: string; name: string; version: number; definition: StressDefinition } | null;
  factorModelVersion: number;
  pdSource: PdSource;
  parameters: SimulationParameters;
  excluded: ExcludedExposure[];
  exposureCount: number;
  progress: SimulationProgress;
  /** The results (the worker's view model), null until completed. */
  result: JsonValue | null;
  error: string | null;
  jobId: string | null;
  requestedById: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
}

/** The exposures as @probity/risk's exposure schema reads them (what the plan is built from). */
export function planExposures(exposures: readonly RiskInputExposure[]) {
  return exposures.map((e) => ({
    id: e.id,
    obligorId: e.obligorId,
    sector: e.sector,
    segment: e.segment,
    ead: e.ead,
    pd: e.pd,
    lgd: e.lgd,
    assetClass: e.assetClass,
    ...(e.maturity === null ? {} : { maturity: e.maturity }),
  }));
}
