// The stored results of a simulate-portfolio run: what the worker writes (apps/worker/src/risk) and the
// API serves. Plain numbers (the maths' output, each Monte Carlo figure with its standard error); the
// API formats money as decimal strings.

export interface EstimateView {
  value: number;
  standardError: number;
}

export interface SectorContributionView {
  sector: string;
  contribution: number;
  /** contribution / ES. */
  share: number;
}

export interface ObligorContributionView {
  obligorId: string;
  name: string;
  sector: string;
  contribution: number;
  standardError: number;
  share: number;
}

export interface LevelView {
  level: number;
  valueAtRisk: EstimateView;
  expectedShortfall: EstimateView;
  /** ES - EL. */
  economicCapital: number;
  contributionsBySector: SectorContributionView[];
  /** The 20 largest per-obligor ES contributions (empty when contributions were skipped). */
  topObligors: ObligorContributionView[];
}

export interface HistogramView {
  edges: number[];
  probability: number[];
  standardError: number[];
  /** P(L > left edge) per bin. */
  exceedance: number[];
}

export interface SimulationView {
  fingerprint: string;
  scenarios: number;
  chunks: number;
  converged: boolean;
  effectiveSampleSize: number;
  expectedLoss: EstimateView;
  expectedLossClosedForm: number;
  unexpectedLoss: EstimateView;
  levels: LevelView[];
  histogram: HistogramView | null;
}

export interface GroupFigures {
  key: string;
  exposureCount: number;
  ead: number;
  expectedLoss: number;
  /** EAD-weighted PD. */
  averagePd: number;
}

export interface IrbSegmentView {
  key: string;
  ead: number;
  rwa: number;
  capital: number;
  expectedLoss: number;
}

export interface ConcentrationView {
  singleNameHhi: number;
  singleNameEffectiveNumber: number;
  sectorHhi: number;
  sectorEffectiveNumber: number;
  segmentHhi: number;
  topShares: { n: number; share: number }[];
  largestNames: { id: string; name: string; ead: number; share: number }[];
  granularityAdjustmentRate: number;
  granularityAdjustmentAmount: number;
}

export interface Ifrs9StageView {
  stage: 1 | 2 | 3;
  exposureCount: number;
  ead: number;
  ecl: number;
}

export interface Ifrs9View {
  stages: Ifrs9StageView[];
  totalEcl: number;
  /** What the allocation could and could not use (e.g. how many exposures had a PD at origination). */
  assumptions: string[];
}

export interface LimitBreachView {
  kind: 'SECTOR' | 'SINGLE_NAME';
  key: string;
  name: string;
  ead: number;
  share: number;
  /** What the binding limit allows (amount). */
  limit: number;
  excess: number;
  limitKey: string;
}

/** Figures of one side (base or stressed) of the comparison. */
export interface StressSideView {
  averagePd: number;
  expectedLoss: number;
  rwa: number;
  irbCapital: number;
  levels: { level: number; valueAtRisk: EstimateView; expectedShortfall: EstimateView; economicCapital: number }[];
}

export interface StressComparisonView {
  base: StressSideView;
  stressed: StressSideView;
  bySector: { sector: string; basePd: number; stressedPd: number; baseExpectedLoss: number; stressedExpectedLoss: number }[];
}

export interface RiskResultView {
  totals: { exposureCount: number; obligorCount: number; ead: number; expectedLoss: number; averagePd: number };
  base: SimulationView;
  stressed: SimulationView | null;
  bySector: GroupFigures[];
  bySegment: GroupFigures[];
  irb: { bySegment: IrbSegmentView[]; total: IrbSegmentView };
  concentration: ConcentrationView;
  ifrs9: Ifrs9View;
  limitBreaches: LimitBreachView[];
  stress: StressComparisonView | null;
  /** Seconds the run took, wall clock. */
  durationSeconds: number;
}
