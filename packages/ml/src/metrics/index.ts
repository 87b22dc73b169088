export { auc, gini } from './auc.ts';
export { aucDeLong, deLongCompare, type AucInterval, type DeLongComparison } from './delong.ts';
export { ks, type KsResult } from './ks.ts';
export { brier, logLoss } from './scoring-rules.ts';
export { summaryMetrics, type SummaryMetrics } from './summary.ts';
export { calibrationByDecile, calibrationByQuantile, type CalibrationRow } from './calibration-table.ts';
export { calibrationByGrade, DEFAULT_MASTER_SCALE, type GradeBound, type GradeRow, type GradeScale } from './grades.ts';
export { hosmerLemeshow, type HosmerLemeshowResult } from './hosmer-lemeshow.ts';
export { binomialTest, jeffreysTest, type TestOutcome } from './default-tests.ts';
export {
  EMPTY_BIN_SHARE,
  psi,
  psiFromShares,
  type PsiBin,
  type PsiOptions,
  type PsiResult,
  type ShareBin,
  type ShareContribution,
} from './psi.ts';
export { csi, UNSEEN_LEVEL_LABEL, type CategoryBin, type CsiResult, type FeatureColumns } from './csi.ts';
export { betaCdf, binomialUpperTail, chiSquareSf, normalCdf, normalQuantile, normalSf } from './distributions.ts';
