// @probity/scoring: portfolio scoring on top of @probity/db (data, COPY) and @probity/ml (BatchScorer).
export { linkModel, DEFAULT_SCORING_CRON, type LinkRequest } from './link-model.ts';
export { requestScoringRun, missingColumns, DEFAULT_BATCH_SIZE, type RunRequest } from './request-run.ts';
export { scoreBatch, rehearseBatch, TOP_REASONS } from './score-batch.ts';
export { ScorerCache, type LoadedScorer, type LoadedExplainer } from './scorer-cache.ts';
export { checkCron, dueSlot, SLOT_WINDOW_MS } from './schedule.ts';
export { inputsTable } from './inputs-table.ts';
export { gradeBands, gradeOf, type GradeBand } from './grades.ts';
export { monitorScoringRun } from './monitoring/monitor-run.ts';
export { buildRunMonitoring, type RunMonitoring, type StabilityFigure } from './monitoring/run-monitoring.ts';
export { migrationMatrix, type GradePair, type MigrationMatrix } from './monitoring/migration.ts';
export { monitoringReference, type MonitoringReference } from './monitoring/reference.ts';
export { countBatch, sumCounts, type MonitorCounts } from './monitoring/batch-counts.ts';
export { backtestRun, backtestFigures, type RunBacktest, type BacktestFigures, type GradeBacktest } from './monitoring/backtest.ts';
export {
  scoreObligor,
  ON_DEMAND_REASONS,
  type OnDemandScore,
  type ExplainedContribution,
  type Cell,
  type FeatureChange,
  type ObligorRequest,
} from './score-obligor.ts';
export { whatIf, counterfactualSentence, type WhatIfResult, type WhatIfExposure, type GradeCounterfactual } from './what-if.ts';
export { saveScenario } from './save-scenario.ts';
export { challengerComparison, compareChallenger, spearman, ranks, type ChallengerComparison } from './monitoring/challenger.ts';
