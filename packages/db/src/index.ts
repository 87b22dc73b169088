// @probity/db: the only package that talks to PostgreSQL. Apps call these functions and get domain
// types back (src/domain): no Prisma client, row type or Prisma.Decimal crosses this boundary.
export { createDatabase, ping, poolUsage, type Database, type DatabaseOptions } from './client.ts';
export type { TenantScope, Actor } from './scope.ts';
export { InputError, NotFoundError, ConflictError, QueryTimeoutError, TooManyAttemptsError } from './errors.ts';
export { MAX_PAGE_SIZE, type Connection, type PageArgs, type PageInfo } from './pagination.ts';
export { isUuid } from './ids.ts';
export { RATIO_SCALE } from './decimal.ts';
export * from './domain/index.ts';
export * from './repositories/portfolios.ts';
export * from './repositories/exposures.ts';
export * from './repositories/obligors.ts';
export * from './repositories/obligor-exposures.ts';
export * from './repositories/snapshots.ts';
export * from './repositories/api-keys.ts';
export { listAuditLog, type AuditFilter } from './repositories/audit.ts';
export { recordJobFailure, type JobFailure } from './repositories/job-failures.ts';
export { TEXT_LIMITS, DATE_RANGE, INSTANT_RANGE } from './domain/limits.ts';
export { parseLocalDate, checkInstant } from './validate.ts';
export * from './repositories/identity.ts';
export * from './repositories/organizations.ts';
export {
  currentFactorModel,
  listFactorModelVersions,
  saveFactorModel,
  DEFAULT_SECTOR_CORRELATION,
  UNASSIGNED_SECTOR,
  type SaveFactorModelInput,
} from './repositories/risk/factor-models.ts';
export * from './repositories/risk/stress-scenarios.ts';
export {
  listRiskLimits,
  setRiskLimit,
  deleteRiskLimit,
  SINGLE_NAME_DEFAULT_KEY,
  type SetRiskLimitInput,
} from './repositories/risk/limits.ts';
export * from './repositories/risk/inputs.ts';
export * from './repositories/risk/simulations.ts';
export { migrateDatabase, pendingMigrations } from './migrations/migrate.ts';
export { schemaDrift } from './migrations/drift.ts';
export { buildPendingIndexes, type BuiltIndex } from './seed/deferred-indexes.ts';
export { BytePool } from './bulk/byte-pool.ts';
export { migrationsDir, schemaPath } from './migrations/paths.ts';
export { seedDemo, DEMO_ACCOUNTS, DEMO_ORGANIZATION, RETAIL_PORTFOLIO, CORPORATE_PORTFOLIO, type SeedSummary } from './seed/index.ts';
export { listenForCredentialChanges, type CredentialChangeListener } from './credential-changes.ts';
export { listenForChanges, CREDENTIAL_CHANNEL, PORTFOLIO_CHANNEL, type ChangeListener } from './change-listener.ts';
export { loadFeatures, DEFAULT_ID_COLUMN, type LoadFeaturesInput } from './features/load-features.ts';
export { featureSetsOf, featureLoadsByIds, listFeatureLoads } from './features/read-features.ts';
export * from './repositories/model-files.ts';
export * from './datasets/index.ts';
export * from './models/index.ts';
export * from './repositories/members.ts';
export * from './repositories/sessions.ts';
export { isDatabaseUnavailable } from './connectivity.ts';
export {
  portfolioFeatureColumns,
  setPortfolioModel,
  getPortfolioModel,
  allPortfolioModels,
  versionsToScore,
  type VersionToScore,
  type LinkInput,
} from './scoring/links.ts';
export {
  createScoringRun,
  planScoringRun,
  failScoringRun,
  failRunOfLostBatch,
  getScoringRun,
  listScoringRuns,
  type CreateRunInput,
} from './scoring/runs.ts';
export { withScoringBatch, INPUT_HASH_BYTES, type BatchScoring, type BatchOutcome, type BatchContext } from './scoring/batch-io.ts';
export { rehearseScoringBatch, type Rehearsal } from './scoring/batch-rehearsal.ts';
export { compactRunScores, RUN_SCORES_RETENTION } from './scoring/run-scores.ts';
export { currentMasterScaleGrades } from './scoring/master-scale-grades.ts';
export { latestScoresOf, previousScoresOf } from './scoring/scores.ts';
export {
  scoringRunMonitorInputs,
  storeScoringRunMonitoring,
  scoringRunMonitorings,
  unmonitoredScoringRuns,
  type RunMonitorInputs,
} from './scoring/monitoring.ts';
export {
  getMonitoringSettings,
  setMonitoringSettings,
  watchlist,
  DEFAULT_MONITORING_SETTINGS,
  type MonitoringSettings,
  type Watchlist,
  type WatchlistEntry,
  type WatchlistReason,
} from './scoring/watchlist.ts';
export { setModelChallenger, challengerPairs, type ChallengerPairs } from './scoring/challenger.ts';
export { backtestInputs, succeededRunsOfVersion, type BacktestInputs } from './scoring/backtest-inputs.ts';
export { obligorScoringContext, obligorScoreHistory, ON_DEMAND_EXPOSURE_LIMIT } from './scoring/obligor-scoring.ts';
export { saveWhatIfScenario, listWhatIfScenarios, type WhatIfScenarioInput } from './scoring/what-if-scenarios.ts';
export { portfolioPdFigures, MAX_TREND_RUNS } from './scoring/pd-figures.ts';
export { reasonLabels, toContributions } from './scoring/reason-labels.ts';
