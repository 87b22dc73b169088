/** The training report: the figures a risk team checks before using a model. */
import type { AnchorState, CalibrationState } from '../calibration/types.ts';
import type { ValidationIssue } from '../data/validation-report.ts';
import type { DeepEpochRecord } from '../deep/types.ts';
import type { FusionState } from '../fusion/stack.ts';
import type { KeptFeature } from '../logistic/kept-features.ts';
import type { Penalty } from '../logistic/penalty.ts';
import type { SolverMethod } from '../logistic/solver-choice.ts';
import type { LambdaTrial } from '../logistic/types.ts';
import type { CalibrationRow, GradeRow, HosmerLemeshowResult, PsiResult, SummaryMetrics } from '../metrics/index.ts';
import type { ModelKind } from '../model-file/types.ts';

export interface DeepRunReport {
  run: string;
  warmStarted: boolean;
  epochsRun: number;
  bestEpoch: number;
  seconds: number;
  validation: SummaryMetrics;
  test: SummaryMetrics | null;
  /** Validation figures before the first update (a warm start's starting point). */
  initial: { valLoss: number; valAuc: number };
  history: DeepEpochRecord[];
}

export interface TrainReport {
  kind: ModelKind;
  test: SummaryMetrics | null;
  validation: SummaryMetrics;
  /** DeLong 95% interval of the test AUC. */
  testAucInterval: { auc: number; lower: number; upper: number; se: number } | null;
  backend: string;
  backendDetail: string;
  trainSeconds: number;
  data: {
    file: string | null;
    sha256: string;
    rows: number;
    trainRows: number;
    validationRows: number;
    testRows: number;
    defaultRate: number;
    split: string;
  };
  pipeline: {
    encoding: string;
    inputs: number;
    designColumns: number;
    groups: string[][];
    informationValue: { input: string; iv: number }[];
  };
  logistic: {
    lambda: number;
    penalty: Penalty;
    /** The solver that ran and why (Newton for narrow L2 designs, coordinate descent otherwise). */
    solver: { method: SolverMethod; reason: string };
    iterations: number;
    gradientNorm: number;
    converged: boolean;
    seconds: number;
    lambdaSearch: LambdaTrial[];
    /** Features (original columns or repeated groups) in the design, and those with a non-zero coefficient. */
    features: number;
    keptFeatures: KeptFeature[];
    validation: SummaryMetrics;
    test: SummaryMetrics | null;
  } | null;
  deep: DeepRunReport[] | null;
  fusion: (FusionState & { validation: SummaryMetrics; test: SummaryMetrics | null }) | null;
  calibration: CalibrationState;
  anchor: AnchorState | null;
  /** Calibration on the test rows: by decile, by master-scale grade (binomial and Jeffreys tests), Hosmer-Lemeshow. */
  calibrationByDecile: CalibrationRow[] | null;
  calibrationByGrade: GradeRow[] | null;
  hosmerLemeshow: HosmerLemeshowResult | null;
  /** Population stability of the PDs, training rows against test rows. */
  scoreStability: PsiResult | null;
  warnings: ValidationIssue[];
  notes: string[];
}
