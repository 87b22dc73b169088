/** The training report: the figures a risk team checks before using a model. */
import type { AnchorState, CalibrationState } from '../calibration/types.ts';
import type { ValidationIssue } from '../data/validation-report.ts';
import type { DeepRunReport, FusionReport, GbdtReport, LogisticReport, ModelKind } from '../families/types.ts';
import type { AugmentationReport } from './rare-defaults.ts';
import type { ValidationCharts } from '../metrics/charts.ts';
import type { PopulationProfile } from '../metrics/profile.ts';
import type { AutoChoice } from './auto-choice.ts';
import type { CalibrationRow, GradeRow, HosmerLemeshowResult, PsiResult, SummaryMetrics } from '../metrics/index.ts';

export type { DeepRunReport, FusionReport, GbdtReport, LogisticReport } from '../families/types.ts';

export interface TrainReport {
  kind: ModelKind;
  /** What the fitted model is, in one line (the family's describe()). */
  description: string;
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
  /** Per-family sections, for each family trained (alone or as a fusion member). */
  logistic: LogisticReport | null;
  deep: DeepRunReport[] | null;
  gbdt: GbdtReport | null;
  /** --model auto: which model was kept and why. */
  auto: AutoChoice | null;
  fusion: FusionReport | null;
  /** With --augment: the synthetic rows, and augmentation next to class weighting and nothing. */
  augmentation: AugmentationReport | null;
  calibration: CalibrationState;
  anchor: AnchorState | null;
  /** Calibration on the test rows: by decile, by master-scale grade (binomial and Jeffreys tests), Hosmer-Lemeshow. */
  calibrationByDecile: CalibrationRow[] | null;
  calibrationByGrade: GradeRow[] | null;
  hosmerLemeshow: HosmerLemeshowResult | null;
  /** Population stability of the PDs, training rows against test rows. */
  scoreStability: PsiResult | null;
  /** The training rows' PDs and input columns as bins and shares: the reference of monitoring's PSI and CSI. */
  population: PopulationProfile;
  /** Test rows: ROC, KS curves and the PD distribution by outcome, for charts. */
  charts: ValidationCharts | null;
  warnings: ValidationIssue[];
  notes: string[];
}
