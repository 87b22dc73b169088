// What a model version stores from packages/ml's training report: the headline metrics for lists and
// comparisons, and the validation report (discrimination with its interval, calibration by grade with
// binomial and Jeffreys tests, Hosmer-Lemeshow, PSI of test against training scores, top features,
// chart data) that reviewers read before approving.
import type { JsonValue } from '@probity/db';
import type { TrainReport } from '@probity/ml';

const TOP_FEATURES = 15;

/** JSON-safe: non-finite numbers (an infinite Hosmer-Lemeshow statistic, say) become null. */
function json(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as JsonValue;
}

export function versionMetrics(report: TrainReport): JsonValue {
  const test = report.test;
  return json({
    testAuc: test?.auc ?? null,
    testAucLower: report.testAucInterval?.lower ?? null,
    testAucUpper: report.testAucInterval?.upper ?? null,
    gini: test?.gini ?? null,
    ks: test?.ks ?? null,
    brier: test?.brier ?? null,
    logLoss: test?.logLoss ?? null,
    validationAuc: report.validation.auc,
    psi: report.scoreStability?.psi ?? null,
    hosmerLemeshowPValue: report.hosmerLemeshow?.pValue ?? null,
    trainSeconds: report.trainSeconds,
    rows: report.data.rows,
    defaultRate: report.data.defaultRate,
  });
}

export function versionValidationReport(report: TrainReport, masterScale: { id: string | null; version: number | null }): JsonValue {
  return json({
    kind: report.kind,
    description: report.description,
    backend: report.backend,
    backendDetail: report.backendDetail,
    data: report.data,
    discrimination: {
      test: report.test,
      validation: report.validation,
      testAucInterval: report.testAucInterval,
    },
    calibration: {
      method: report.calibration.method,
      anchor: report.anchor,
      byDecile: report.calibrationByDecile,
      byGrade: report.calibrationByGrade,
      masterScale,
      hosmerLemeshow: report.hosmerLemeshow,
    },
    stability: report.scoreStability,
    // The training rows' PDs and inputs as bins and shares: scoring runs' PSI and CSI compare with these.
    population: report.population,
    topFeatures: report.pipeline.informationValue.slice(0, TOP_FEATURES).map((f) => ({ feature: f.input, informationValue: f.iv })),
    pipeline: { encoding: report.pipeline.encoding, inputs: report.pipeline.inputs, designColumns: report.pipeline.designColumns },
    charts: report.charts,
    warnings: report.warnings,
    notes: report.notes,
  });
}
