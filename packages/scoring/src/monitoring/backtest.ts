// Back-testing a run's PDs against the defaults observed since: discrimination (AUC with its DeLong
// interval, once both outcomes are present) and calibration by master-scale grade with the binomial and
// Jeffreys tests, as the validation report does on test rows (packages/ml's metrics).
import { backtestInputs, currentMasterScaleGrades, type Database, type TenantScope } from '@probity/db';
import { aucDeLong, calibrationByGrade, DEFAULT_MASTER_SCALE, type GradeScale } from '@probity/ml';

export interface GradeBacktest {
  grade: string;
  count: number;
  defaults: number;
  meanPd: number;
  observedRate: number;
  binomialPValue: number;
  /** More defaults than the grade's PD explains (one-sided, 5%). */
  binomialReject: boolean;
  jeffreysPValue: number;
}

export interface BacktestFigures {
  exposures: number;
  defaults: number;
  meanPd: number | null;
  /** Null until the window holds both defaults and non-defaults. */
  auc: { value: number; lower: number; upper: number } | null;
  byGrade: GradeBacktest[];
}

export interface RunBacktest extends BacktestFigures {
  runId: string;
  modelVersionId: string;
  asOf: string;
  windowEnd: string;
  windowComplete: boolean;
  defaultedBefore: number;
}

export function backtestFigures(
  defaulted: ArrayLike<number>,
  pd: ArrayLike<number>,
  scale: GradeScale = DEFAULT_MASTER_SCALE,
): BacktestFigures {
  let defaults = 0;
  let sum = 0;
  for (let i = 0; i < pd.length; i++) {
    defaults += defaulted[i]!;
    sum += pd[i]!;
  }
  const n = pd.length;
  const interval = defaults > 0 && defaults < n ? aucDeLong(defaulted, pd, 0.95) : null;
  const byGrade =
    n === 0
      ? []
      : calibrationByGrade(defaulted, pd, scale).map((g) => ({
          grade: g.grade,
          count: g.count,
          defaults: g.defaults,
          meanPd: g.meanPd,
          observedRate: g.observedRate,
          binomialPValue: g.binomial.pValue,
          binomialReject: g.binomial.reject,
          jeffreysPValue: g.jeffreys.pValue,
        }));
  return {
    exposures: n,
    defaults,
    meanPd: n ? sum / n : null,
    auc: interval && { value: interval.auc, lower: interval.lower, upper: interval.upper },
    byGrade,
  };
}

/** The run's back-test as of today; null for a run that did not succeed (or another tenant's). */
export async function backtestRun(db: Database, scope: TenantScope, runId: string): Promise<RunBacktest | null> {
  const inputs = await backtestInputs(db, scope, runId);
  if (!inputs) return null;
  const grades = await currentMasterScaleGrades(db, scope);
  const scale = grades && grades.length > 0 ? grades : DEFAULT_MASTER_SCALE;
  return {
    runId,
    modelVersionId: inputs.modelVersionId,
    asOf: inputs.asOf,
    windowEnd: inputs.windowEnd,
    windowComplete: inputs.windowComplete,
    defaultedBefore: inputs.defaultedBefore,
    ...backtestFigures(inputs.defaulted, inputs.pd, scale),
  };
}
