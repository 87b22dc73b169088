/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ActorKind =
  | 'API_KEY'
  | 'SYSTEM'
  | 'USER';

export type ApiKeyScope =
  /** Everything, including keys (acts as ADMIN). */
  | 'ADMIN'
  /** Read everything the organization can see (acts as VIEWER). */
  | 'READ'
  /** Read and edit exposures (acts as ANALYST). */
  | 'WRITE';

export type ApiKeyStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'REVOKED'
  /** Refused while the person who created it is disabled or no longer a member; usable again if they are enabled. */
  | 'SUSPENDED';

export type AuditLogFilter = {
  action?: string | null | undefined;
  actorUserId?: string | number | null | undefined;
  entityId?: string | number | null | undefined;
  entityType?: string | null | undefined;
  since?: string | null | undefined;
  until?: string | null | undefined;
};

export type CreateApiKeyInput = {
  expiresAt?: string | null | undefined;
  name: string;
  scopes: Array<ApiKeyScope>;
};

export type CreateModelInput = {
  description?: string | null | undefined;
  name: string;
  segment?: Segment | null | undefined;
};

export type CreatePortfolioInput = {
  /** ISO 4217; default USD. */
  baseCurrency?: string | null | undefined;
  description?: string | null | undefined;
  name: string;
};

export type ExposureFilter = {
  country?: string | null | undefined;
  currency?: string | null | undefined;
  /** Grade on the master scale in the portfolio's latest succeeded scoring run (exposures it scored). */
  grade?: string | null | undefined;
  maxEad?: string | null | undefined;
  /** PD in the latest succeeded scoring run, at most (in [0, 1]). */
  maxPd?: number | null | undefined;
  minDaysPastDue?: number | null | undefined;
  minEad?: string | null | undefined;
  /** PD in the latest succeeded scoring run, at least (in [0, 1]). */
  minPd?: number | null | undefined;
  obligorId?: string | number | null | undefined;
  product?: string | null | undefined;
  /** Case-insensitive match on the facility reference, obligor name or obligor reference. */
  search?: string | null | undefined;
  sector?: string | null | undefined;
  segment?: Segment | null | undefined;
  status?: ExposureStatus | null | undefined;
};

export type ExposureOrder = {
  direction?: SortDirection;
  field: ExposureSortField;
};

export type ExposurePdInput = {
  externalId: string;
  pd: number;
};

export type ExposureSortField =
  | 'DAYS_PAST_DUE'
  | 'EAD'
  | 'EXTERNAL_ID'
  | 'LGD'
  | 'LIMIT'
  | 'MATURITY_DATE'
  | 'OBLIGOR_NAME'
  /** PD in the portfolio's latest succeeded scoring run; lists only the exposures that run scored. */
  | 'PD'
  | 'UPDATED_AT';

export type ExposureStatus =
  | 'CLOSED'
  | 'DEFAULTED'
  | 'PERFORMING'
  | 'WATCHLIST';

export type InviteMemberInput = {
  email: string;
  name: string;
  role: Role;
};

export type KeyedPdInput = {
  key: string;
  pd: number;
};

export type KeyedValueInput = {
  key: string;
  value: number;
};

export type MasterScaleGradeInput = {
  grade: string;
  maxPd: number;
};

export type ModelVersionAction =
  | 'APPROVE'
  | 'PROMOTE'
  | 'REJECT'
  | 'RETIRE'
  | 'VALIDATE';

export type ModelVersionStatus =
  /** Approved by a different person from the one who trained or submitted it. */
  | 'APPROVED'
  /** The model's version in use (one per model). */
  | 'CHAMPION'
  /** Trained, with its validation report; not reviewed yet. */
  | 'DRAFT'
  | 'REJECTED'
  /** Was champion (or approved) and was replaced or withdrawn. */
  | 'RETIRED'
  /** A risk officer reviewed the report and submitted the version for approval. */
  | 'VALIDATED';

/**
 * PDs supplied with a request, while the portfolio has no completed scoring run: per exposure, else per
 * sector, else per segment (RETAIL, SME, CORPORATE), else flat. Exposures left without a PD are excluded
 * and listed.
 */
export type RequestedPdInput = {
  byExposure?: Array<ExposurePdInput> | null | undefined;
  bySector?: Array<KeyedPdInput> | null | undefined;
  bySegment?: Array<KeyedPdInput> | null | undefined;
  flat?: number | null | undefined;
};

export type RiskFactorModelInput = {
  /** sectors x sectors, symmetric, unit diagonal, positive semi-definite. */
  correlation: Array<Array<number>>;
  note?: string | null | undefined;
  sectorAssetCorrelations?: Array<SectorAssetCorrelationInput> | null | undefined;
  sectors: Array<string>;
};

export type RiskLimitInput = {
  key: string;
  kind: RiskLimitKind;
  maxEad?: string | null | undefined;
  maxShare?: string | null | undefined;
};

export type RiskLimitKind =
  | 'SECTOR'
  | 'SINGLE_NAME';

export type RiskSimulationStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING';

export type Role =
  | 'ADMIN'
  | 'ANALYST'
  | 'RISK_OFFICER'
  | 'VIEWER';

export type RunPortfolioSimulationInput = {
  /** Default today (UTC). */
  asOf?: string | null | undefined;
  /** VaR/ES confidence levels; default 0.99 and 0.999. */
  levels?: Array<number> | null | undefined;
  /** Stop here even if the target is not met; default 2,000,000. */
  maxScenarios?: number | null | undefined;
  pd?: RequestedPdInput | null | undefined;
  portfolioId: string | number;
  /** Also run this stress scenario, next to the base. */
  scenarioId?: string | number | null | undefined;
  seed?: number | null | undefined;
  /** Stop when every VaR and ES has at most this relative standard error; default 0.01. */
  targetRelativeError?: number | null | undefined;
};

export type ScoringRunStatus =
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type SectorAssetCorrelationInput = {
  assetCorrelation: number;
  sector: string;
};

export type Segment =
  | 'CORPORATE'
  | 'RETAIL'
  | 'SME';

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type StressKeyedValuesInput = {
  all?: number | null | undefined;
  bySector?: Array<KeyedValueInput> | null | undefined;
  bySegment?: Array<KeyedValueInput> | null | undefined;
};

export type StressScenarioInput = {
  description?: string | null | undefined;
  factorShocks?: Array<KeyedValueInput> | null | undefined;
  lgdAddOns?: StressKeyedValuesInput | null | undefined;
  name: string;
  pdMultipliers?: StressKeyedValuesInput | null | undefined;
  propagate?: boolean | null | undefined;
};

/** The usual reading of a PSI or CSI: GREEN below 0.1, AMBER from 0.1 to 0.25, RED from 0.25. */
export type TrafficLight =
  | 'AMBER'
  | 'GREEN'
  | 'RED';

export type TrainModelInput = {
  datasetId: string | number;
  /** One of modelKinds. */
  kind: string;
  /** An existing model, or newModel to create one. */
  modelId?: string | number | null | undefined;
  newModel?: CreateModelInput | null | undefined;
  /** split, idColumn, defaultValue, ignore, categorical, classWeight, calibration, monotone, anchorRate, validationFraction, seed, epochs, warmStartVersionId. */
  options?: unknown;
  /** The default-flag column; the dataset's target column when omitted. */
  target?: string | null | undefined;
};

export type TrainingJobStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

/** Fields to change; omitted fields stay as they are. collateralValue, maturityDate and pdAtOrigination accept null to clear. */
export type UpdateExposureInput = {
  collateralValue?: string | null | undefined;
  daysPastDue?: number | null | undefined;
  ead?: string | null | undefined;
  lgd?: string | null | undefined;
  limit?: string | null | undefined;
  maturityDate?: string | null | undefined;
  /** 12-month PD at initial recognition, 0..1 (up to 6 places). */
  pdAtOrigination?: string | null | undefined;
  product?: string | null | undefined;
  status?: ExposureStatus | null | undefined;
};

export type WatchlistReason =
  /** The grade fell by the organization's grade drop or more since the previous run. */
  | 'GRADE_DROP'
  /** The PD reached the threshold since the previous run (or is above it in a portfolio's first run). */
  | 'PD_THRESHOLD';

/** A feature set to a value for a what-if: a number, or a text for a categorical feature (neither: missing). */
export type WhatIfChangeInput = {
  feature: string;
  text?: string | null | undefined;
  value?: number | null | undefined;
};

export type ApiKeyFieldsFragment = { id: string, name: string, scopes: Array<ApiKeyScope>, prefix: string, status: ApiKeyStatus, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null, createdAt: string, createdBy: { id: string, name: string, email: string } | null };

export type ApiKeysQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ApiKeysQuery = { apiKeys: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, name: string, scopes: Array<ApiKeyScope>, prefix: string, status: ApiKeyStatus, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null, createdAt: string, createdBy: { id: string, name: string, email: string } | null }> } };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, name: string, scopes: Array<ApiKeyScope>, prefix: string, status: ApiKeyStatus, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null, createdAt: string, createdBy: { id: string, name: string, email: string } | null } } };

export type RevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { id: string, name: string, scopes: Array<ApiKeyScope>, prefix: string, status: ApiKeyStatus, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null, createdAt: string, createdBy: { id: string, name: string, email: string } | null } };

export type AuditLogQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: AuditLogFilter | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, action: string, entityType: string, entityId: string, before: unknown, after: unknown, requestId: string | null, createdAt: string, actor: { kind: ActorKind, id: string | null, name: string } }> } };

export type PageInfoFieldsFragment = { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null };

export type ObligorSummaryFieldsFragment = { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null };

export type ExposureRowFieldsFragment = { id: string, externalId: string, product: string, currency: string, ead: string, limit: string, utilisation: string | null, lgd: string, daysPastDue: number, status: ExposureStatus, maturityDate: string | null };

export type PortfolioExposuresQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: ExposureFilter | null | undefined;
  orderBy?: ExposureOrder | null | undefined;
}>;


export type PortfolioExposuresQuery = { portfolio: { id: string, name: string, baseCurrency: string, summary: { eadBySector: Array<{ key: string }> }, pdFigures: { runId: string, grades: Array<{ grade: string }> } | null, exposures: { totalCount: number, totalCountIsEstimate: boolean, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, externalId: string, product: string, currency: string, ead: string, limit: string, utilisation: string | null, lgd: string, daysPastDue: number, status: ExposureStatus, maturityDate: string | null, obligor: { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null }, score: { runId: string, pd: number, grade: string } | null, previousScore: { runId: string, pd: number, grade: string } | null }> } } | null };

export type ExposureDetailFieldsFragment = { originationDate: string | null, pdAtOrigination: string | null, collateralValue: string | null, createdAt: string, updatedAt: string, id: string, externalId: string, product: string, currency: string, ead: string, limit: string, utilisation: string | null, lgd: string, daysPastDue: number, status: ExposureStatus, maturityDate: string | null, portfolio: { id: string, name: string, baseCurrency: string }, obligor: { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null } };

export type ExposureQueryVariables = Exact<{
  id: string | number;
}>;


export type ExposureQuery = { exposure: { originationDate: string | null, pdAtOrigination: string | null, collateralValue: string | null, createdAt: string, updatedAt: string, id: string, externalId: string, product: string, currency: string, ead: string, limit: string, utilisation: string | null, lgd: string, daysPastDue: number, status: ExposureStatus, maturityDate: string | null, portfolio: { id: string, name: string, baseCurrency: string }, obligor: { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null } } | null };

export type UpdateExposureMutationVariables = Exact<{
  id: string | number;
  input: UpdateExposureInput;
  expectedUpdatedAt?: string | null | undefined;
}>;


export type UpdateExposureMutation = { updateExposure: { originationDate: string | null, pdAtOrigination: string | null, collateralValue: string | null, createdAt: string, updatedAt: string, id: string, externalId: string, product: string, currency: string, ead: string, limit: string, utilisation: string | null, lgd: string, daysPastDue: number, status: ExposureStatus, maturityDate: string | null, portfolio: { id: string, name: string, baseCurrency: string }, obligor: { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, kind: ActorKind, name: string, email: string | null, role: Role, permissions: Array<string>, organization: { id: string, name: string, slug: string } } };

export type MemberFieldsFragment = { role: Role, disabled: boolean, joinedAt: string, user: { id: string, email: string, name: string, disabled: boolean, lastLoginAt: string | null } };

export type MembersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type MembersQuery = { members: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ role: Role, disabled: boolean, joinedAt: string, user: { id: string, email: string, name: string, disabled: boolean, lastLoginAt: string | null } }> } };

export type InviteMemberMutationVariables = Exact<{
  input: InviteMemberInput;
}>;


export type InviteMemberMutation = { inviteMember: { temporaryPassword: string | null, member: { role: Role, disabled: boolean, joinedAt: string, user: { id: string, email: string, name: string, disabled: boolean, lastLoginAt: string | null } } } };

export type ChangeMemberRoleMutationVariables = Exact<{
  userId: string | number;
  role: Role;
}>;


export type ChangeMemberRoleMutation = { changeMemberRole: { role: Role, disabled: boolean, joinedAt: string, user: { id: string, email: string, name: string, disabled: boolean, lastLoginAt: string | null } } };

export type SetMemberDisabledMutationVariables = Exact<{
  userId: string | number;
  disabled: boolean;
}>;


export type SetMemberDisabledMutation = { setMemberDisabled: { role: Role, disabled: boolean, joinedAt: string, user: { id: string, email: string, name: string, disabled: boolean, lastLoginAt: string | null } } };

export type RemoveMemberMutationVariables = Exact<{
  userId: string | number;
}>;


export type RemoveMemberMutation = { removeMember: { user: { id: string } } };

export type ChangeMyPasswordMutationVariables = Exact<{
  currentPassword: string;
  newPassword: string;
}>;


export type ChangeMyPasswordMutation = { changeMyPassword: boolean };

export type DatasetsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DatasetsQuery = { datasets: { totalCount: number, nodes: Array<{ id: string, name: string, sha256: string, byteSize: number, rowCount: number, columnCount: number, targetColumn: string | null, defaultRate: string | null, createdAt: string, uploadedBy: { name: string } }> } };

export type DatasetDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type DatasetDetailQuery = { dataset: { id: string, name: string, description: string | null, sha256: string, byteSize: number, storedSize: number, rowCount: number, columnCount: number, targetColumn: string | null, defaultCount: number | null, defaultRate: string | null, validationReport: unknown, createdAt: string, columns: Array<{ name: string, type: string, missing: number }>, uploadedBy: { name: string } } | null };

export type ModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelsQuery = { modelKinds: Array<string>, models: { nodes: Array<{ id: string, name: string, segment: Segment | null, description: string | null, champion: { id: string, version: number, kind: string, metrics: { testAuc: number | null, gini: number | null } } | null, versions: Array<{ id: string, status: ModelVersionStatus }> }> }, datasets: { nodes: Array<{ id: string, name: string, targetColumn: string | null, rowCount: number }> } };

export type ModelDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type ModelDetailQuery = { modelKinds: Array<string>, model: { id: string, name: string, segment: Segment | null, description: string | null, challenger: { id: string } | null, versions: Array<{ id: string, version: number, status: ModelVersionStatus, kind: string, backend: string | null, machine: string | null, trainingMs: number | null, createdAt: string, metrics: { testAuc: number | null, testAucLower: number | null, testAucUpper: number | null, gini: number | null, ks: number | null, brier: number | null }, dataset: { id: string, name: string }, trainedBy: { name: string }, approvedBy: { name: string } | null }>, trainingJobs: Array<{ id: string, kind: string, status: TrainingJobStatus, error: string | null, attempts: number, createdAt: string, progress: { stage: string, unit: string | null, step: number | null, steps: number | null, loss: number | null, validationAuc: number | null, elapsedSeconds: number, etaSeconds: number | null } | null, version: { id: string, version: number } | null }> } | null, datasets: { nodes: Array<{ id: string, name: string, targetColumn: string | null }> } };

export type ModelVersionDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type ModelVersionDetailQuery = { modelVersion: { id: string, version: number, status: ModelVersionStatus, kind: string, target: string, options: unknown, backend: string | null, machine: string | null, trainingMs: number | null, modelFileSha256: string, createdAt: string, validationReport: unknown, submittedAt: string | null, approvedAt: string | null, approvalComment: string | null, rejectedAt: string | null, rejectionComment: string | null, promotedAt: string | null, retiredAt: string | null, model: { id: string, name: string }, dataset: { id: string, name: string, sha256: string }, metrics: { testAuc: number | null, testAucLower: number | null, testAucUpper: number | null, gini: number | null, ks: number | null, brier: number | null, logLoss: number | null, validationAuc: number | null, psi: number | null, hosmerLemeshowPValue: number | null }, trainedBy: { name: string }, submittedBy: { name: string } | null, approvedBy: { name: string } | null, rejectedBy: { name: string } | null, promotedBy: { name: string } | null } | null };

export type TrainModelMutationVariables = Exact<{
  input: TrainModelInput;
}>;


export type TrainModelMutation = { trainModel: { id: string, model: { id: string } } };

export type SetModelChallengerMutationVariables = Exact<{
  modelId: string | number;
  versionId?: string | number | null | undefined;
}>;


export type SetModelChallengerMutation = { setModelChallenger: string | null };

export type CancelTrainingMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelTrainingMutation = { cancelTrainingJob: { id: string, status: TrainingJobStatus } };

export type TransitionVersionMutationVariables = Exact<{
  id: string | number;
  action: ModelVersionAction;
  comment?: string | null | undefined;
}>;


export type TransitionVersionMutation = { transitionModelVersion: { id: string, status: ModelVersionStatus } };

export type MasterScaleQueryVariables = Exact<{ [key: string]: never; }>;


export type MasterScaleQuery = { masterScales: Array<{ id: string, version: number, comment: string | null, createdAt: string, createdBy: { name: string } | null, grades: Array<{ grade: string, maxPd: number }> }> };

export type UpdateMasterScaleMutationVariables = Exact<{
  grades: Array<MasterScaleGradeInput> | MasterScaleGradeInput;
  comment?: string | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type UpdateMasterScaleMutation = { updateMasterScale: { id: string, version: number } };

export type ScoringRunsQueryVariables = Exact<{
  id: string | number;
}>;


export type ScoringRunsQuery = { portfolio: { id: string, name: string, scoringModel: { modelId: string, cron: string, timeZone: string } | null, scoringRuns: Array<{ id: string, status: ScoringRunStatus, trigger: string, asOf: string, modelVersionId: string, batchCount: number, batchesDone: number, exposureCount: number, scoredCount: number, skippedCount: number, backend: string | null, readMs: number, scoreMs: number, writeMs: number, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, monitoring: { psi: { value: number, light: TrafficLight } | null, migration: { downgradesTwoPlus: number } | null } | null }> } | null };

export type ScoringRunDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type ScoringRunDetailQuery = { scoringRun: { id: string, portfolioId: string, status: ScoringRunStatus, trigger: string, asOf: string, modelVersionId: string, batchCount: number, batchesDone: number, exposureCount: number, scoredCount: number, skippedCount: number, backend: string | null, readMs: number, scoreMs: number, writeMs: number, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, challengerVersionId: string | null, backtest: { runId: string, asOf: string, windowEnd: string, windowComplete: boolean, exposures: number, defaults: number, defaultedBefore: number, meanPd: number | null, auc: number | null, aucLower: number | null, aucUpper: number | null, byGrade: Array<{ grade: string, count: number, defaults: number, meanPd: number, observedRate: number, binomialPValue: number, binomialReject: boolean, jeffreysPValue: number }> } | null, challenger: { exposures: number, meanPdChampion: number, meanPdChallenger: number, spearman: number | null, defaults: number, quantiles: Array<{ q: number, champion: number, challenger: number }>, auc: { champion: number, challenger: number, difference: number, pValue: number } | null, migration: { grades: Array<string>, counts: Array<Array<number>>, stable: number, upgrades: number, downgrades: number } } | null, monitoring: { computedAt: string, reference: string, previousRunId: string | null, psi: { value: number, light: TrafficLight, bins: Array<{ label: string, expectedShare: number, actualShare: number, contribution: number }> } | null, csi: Array<{ feature: string | null, value: number, light: TrafficLight }> | null, migration: { grades: Array<string>, counts: Array<Array<number>>, matched: number, stable: number, upgrades: number, downgrades: number, downgradesTwoPlus: number, newExposures: number } | null } | null } | null };

export type WatchlistQueryVariables = Exact<{
  portfolioId?: string | number | null | undefined;
  first?: number | null | undefined;
  offset?: number | null | undefined;
}>;


export type WatchlistQuery = { watchlist: { pdThreshold: number, gradeDrop: number, settingsVersion: number, totalCount: number, entries: Array<{ obligorId: string, obligorName: string, obligorExternalId: string, portfolioId: string, portfolioName: string, runId: string, pd: number, previousPd: number | null, grade: string | null, previousGrade: string | null, gradesDown: number | null, reasons: Array<WatchlistReason> }> } };

export type SetMonitoringSettingsMutationVariables = Exact<{
  watchlistPdThreshold?: number | null | undefined;
  watchlistGradeDrop?: number | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type SetMonitoringSettingsMutation = { setMonitoringSettings: { watchlistPdThreshold: number, watchlistGradeDrop: number, version: number } };

export type RescorePortfolioMutationVariables = Exact<{
  portfolioId: string | number;
}>;


export type RescorePortfolioMutation = { rescorePortfolio: { id: string, status: ScoringRunStatus } };

export type BacktestFieldsFragment = { runId: string, asOf: string, windowEnd: string, windowComplete: boolean, exposures: number, defaults: number, defaultedBefore: number, meanPd: number | null, auc: number | null, aucLower: number | null, aucUpper: number | null, byGrade: Array<{ grade: string, count: number, defaults: number, meanPd: number, observedRate: number, binomialPValue: number, binomialReject: boolean, jeffreysPValue: number }> };

export type ModelVersionBacktestsQueryVariables = Exact<{
  id: string | number;
}>;


export type ModelVersionBacktestsQuery = { modelVersion: { id: string, backtests: Array<{ runId: string, asOf: string, windowEnd: string, windowComplete: boolean, exposures: number, defaults: number, defaultedBefore: number, meanPd: number | null, auc: number | null, aucLower: number | null, aucUpper: number | null, byGrade: Array<{ grade: string, count: number, defaults: number, meanPd: number, observedRate: number, binomialPValue: number, binomialReject: boolean, jeffreysPValue: number }> }> } | null };

export type ObligorQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ObligorQuery = { obligor: { id: string, externalId: string, name: string, segment: Segment, sector: string | null, country: string | null, createdAt: string, updatedAt: string, totalEad: string, totalLimit: string, utilisation: string | null, maxDaysPastDue: number, currencies: Array<string>, portfolioCount: number, exposures: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, externalId: string, product: string, currency: string, ead: string, limit: string, utilisation: string | null, lgd: string, daysPastDue: number, status: ExposureStatus, maturityDate: string | null, portfolio: { id: string, name: string, baseCurrency: string } }> } } | null };

export type PortfolioListQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type PortfolioListQuery = { portfolios: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, nodes: Array<{ id: string, name: string, description: string | null, baseCurrency: string, createdAt: string, summary: { exposureCount: number, obligorCount: number, totalEad: string, totalLimit: string, utilisation: string | null, defaultedCount: number } }> } };

export type PortfolioHeaderQueryVariables = Exact<{
  id: string | number;
}>;


export type PortfolioHeaderQuery = { portfolio: { id: string, name: string, description: string | null, baseCurrency: string, createdAt: string } | null };

export type BreakdownFieldsFragment = { key: string, exposureCount: number, ead: string, limit: string, share: string };

export type TopObligorFieldsFragment = { exposureCount: number, ead: string, share: string, obligor: { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null } };

export type SnapshotPointFieldsFragment = { asOf: string, exposureCount: number, totalEad: string, totalLimit: string, totalLossGivenDefault: string, defaultedCount: number, defaultedEad: string };

export type RunPdFieldsFragment = { runId: string, asOf: string, finishedAt: string | null, exposureCount: number, ead: string, eadWeightedPd: number | null, expectedLoss: string };

export type PortfolioOverviewQueryVariables = Exact<{
  id: string | number;
  trendDays: number;
  pdRuns: number;
}>;


export type PortfolioOverviewQuery = { portfolio: { id: string, name: string, description: string | null, baseCurrency: string, createdAt: string, updatedAt: string, summary: { exposureCount: number, obligorCount: number, totalEad: string, totalLimit: string, utilisation: string | null, totalLossGivenDefault: string, defaultedCount: number, defaultedEad: string, eadBySegment: Array<{ key: string, exposureCount: number, ead: string, limit: string, share: string }>, eadBySector: Array<{ key: string, exposureCount: number, ead: string, limit: string, share: string }>, eadByStatus: Array<{ key: string, exposureCount: number, ead: string, limit: string, share: string }>, topObligors: Array<{ exposureCount: number, ead: string, share: string, obligor: { id: string, name: string, externalId: string, segment: Segment, sector: string | null, country: string | null } }> }, pdFigures: { runId: string, asOf: string, finishedAt: string | null, exposureCount: number, ead: string, eadWeightedPd: number | null, expectedLoss: string, grades: Array<{ grade: string, exposureCount: number, ead: string, eadWeightedPd: number | null, expectedLoss: string, minPd: number, maxPd: number }> } | null, pdTrend: Array<{ runId: string, asOf: string, finishedAt: string | null, exposureCount: number, ead: string, eadWeightedPd: number | null, expectedLoss: string }>, snapshots: { totalCount: number, nodes: Array<{ asOf: string, exposureCount: number, totalEad: string, totalLimit: string, totalLossGivenDefault: string, defaultedCount: number, defaultedEad: string }> } } | null };

export type CreatePortfolioMutationVariables = Exact<{
  input: CreatePortfolioInput;
}>;


export type CreatePortfolioMutation = { createPortfolio: { id: string, name: string } };

export type RiskFactorModelFieldsFragment = { version: number, isDefault: boolean, sectors: Array<string>, correlation: Array<Array<number>>, note: string | null, createdAt: string | null, sectorAssetCorrelations: Array<{ sector: string, assetCorrelation: number, loading: number }>, createdBy: { name: string } | null };

export type RiskModelQueryVariables = Exact<{ [key: string]: never; }>;


export type RiskModelQuery = { riskFactorModel: { version: number, isDefault: boolean, sectors: Array<string>, correlation: Array<Array<number>>, note: string | null, createdAt: string | null, sectorAssetCorrelations: Array<{ sector: string, assetCorrelation: number, loading: number }>, createdBy: { name: string } | null }, riskFactorModelVersions: Array<{ version: number, isDefault: boolean, sectors: Array<string>, correlation: Array<Array<number>>, note: string | null, createdAt: string | null, sectorAssetCorrelations: Array<{ sector: string, assetCorrelation: number, loading: number }>, createdBy: { name: string } | null }> };

export type SaveRiskFactorModelMutationVariables = Exact<{
  input: RiskFactorModelInput;
  expectedVersion?: number | null | undefined;
}>;


export type SaveRiskFactorModelMutation = { saveRiskFactorModel: { version: number } };

export type RiskPageQueryVariables = Exact<{
  id: string | number;
}>;


export type RiskPageQuery = { portfolio: { id: string, name: string, baseCurrency: string, riskSimulations: Array<{ id: string, status: RiskSimulationStatus, asOf: string, createdAt: string, exposureCount: number, scenario: { name: string } | null, progress: { phase: string } }> } | null, riskFactorModel: { version: number, isDefault: boolean, sectors: Array<string> }, stressScenarios: Array<{ id: string, name: string, description: string | null, version: number, propagate: boolean, updatedAt: string, factorShocks: Array<{ key: string, value: number }>, pdMultipliers: { all: number | null, bySector: Array<{ key: string, value: number }>, bySegment: Array<{ key: string, value: number }> }, lgdAddOns: { all: number | null, bySector: Array<{ key: string, value: number }>, bySegment: Array<{ key: string, value: number }> }, history: Array<{ id: string, action: string, createdAt: string, actor: { name: string } }> }>, riskLimits: Array<{ id: string, kind: RiskLimitKind, key: string, version: number, maxShare: string | null, maxEad: string | null }> };

export type StressScenarioFieldsFragment = { id: string, name: string, description: string | null, version: number, propagate: boolean, updatedAt: string, factorShocks: Array<{ key: string, value: number }>, pdMultipliers: { all: number | null, bySector: Array<{ key: string, value: number }>, bySegment: Array<{ key: string, value: number }> }, lgdAddOns: { all: number | null, bySector: Array<{ key: string, value: number }>, bySegment: Array<{ key: string, value: number }> }, history: Array<{ id: string, action: string, createdAt: string, actor: { name: string } }> };

export type SimulationFiguresFieldsFragment = { scenarios: number, chunks: number, converged: boolean, effectiveSampleSize: number, expectedLossClosedForm: number, expectedLoss: { value: number, standardError: number }, unexpectedLoss: { value: number, standardError: number }, levels: Array<{ level: number, economicCapital: number, valueAtRisk: { value: number, standardError: number }, expectedShortfall: { value: number, standardError: number }, contributionsBySector: Array<{ sector: string, contribution: number, share: number }>, topObligors: Array<{ obligorId: string, name: string, sector: string, contribution: number, standardError: number, share: number }> }>, histogram: { edges: Array<number>, probability: Array<number>, standardError: Array<number>, exceedance: Array<number> } | null };

export type RiskResultFieldsFragment = { durationSeconds: number, totals: { exposureCount: number, obligorCount: number, ead: number, expectedLoss: number, averagePd: number }, base: { scenarios: number, chunks: number, converged: boolean, effectiveSampleSize: number, expectedLossClosedForm: number, expectedLoss: { value: number, standardError: number }, unexpectedLoss: { value: number, standardError: number }, levels: Array<{ level: number, economicCapital: number, valueAtRisk: { value: number, standardError: number }, expectedShortfall: { value: number, standardError: number }, contributionsBySector: Array<{ sector: string, contribution: number, share: number }>, topObligors: Array<{ obligorId: string, name: string, sector: string, contribution: number, standardError: number, share: number }> }>, histogram: { edges: Array<number>, probability: Array<number>, standardError: Array<number>, exceedance: Array<number> } | null }, stressed: { scenarios: number, chunks: number, converged: boolean, effectiveSampleSize: number, expectedLossClosedForm: number, expectedLoss: { value: number, standardError: number }, unexpectedLoss: { value: number, standardError: number }, levels: Array<{ level: number, economicCapital: number, valueAtRisk: { value: number, standardError: number }, expectedShortfall: { value: number, standardError: number }, contributionsBySector: Array<{ sector: string, contribution: number, share: number }>, topObligors: Array<{ obligorId: string, name: string, sector: string, contribution: number, standardError: number, share: number }> }>, histogram: { edges: Array<number>, probability: Array<number>, standardError: Array<number>, exceedance: Array<number> } | null } | null, bySector: Array<{ key: string, exposureCount: number, ead: number, expectedLoss: number, averagePd: number }>, irb: { bySegment: Array<{ key: string, ead: number, rwa: number, capital: number, expectedLoss: number }>, total: { key: string, ead: number, rwa: number, capital: number, expectedLoss: number } }, concentration: { singleNameHhi: number, singleNameEffectiveNumber: number, sectorHhi: number, sectorEffectiveNumber: number, segmentHhi: number, granularityAdjustmentRate: number, granularityAdjustmentAmount: number, topShares: Array<{ n: number, share: number }>, largestNames: Array<{ id: string, name: string, ead: number, share: number }> }, ifrs9: { totalEcl: number, assumptions: Array<string>, stages: Array<{ stage: number, exposureCount: number, ead: number, ecl: number }> }, limitBreaches: Array<{ kind: RiskLimitKind, key: string, name: string, ead: number, share: number, limit: number, excess: number, limitKey: string }>, stress: { base: { averagePd: number, expectedLoss: number, rwa: number, irbCapital: number, levels: Array<{ level: number, economicCapital: number, valueAtRisk: { value: number, standardError: number }, expectedShortfall: { value: number, standardError: number } }> }, stressed: { averagePd: number, expectedLoss: number, rwa: number, irbCapital: number, levels: Array<{ level: number, economicCapital: number, valueAtRisk: { value: number, standardError: number }, expectedShortfall: { value: number, standardError: number } }> }, bySector: Array<{ sector: string, basePd: number, stressedPd: number, baseExpectedLoss: number, stressedExpectedLoss: number }> } | null };

export type RiskSimulationQueryVariables = Exact<{
  id: string | number;
}>;


export type RiskSimulationQuery = { riskSimulation: { id: string, portfolioId: string, status: RiskSimulationStatus, asOf: string, createdAt: string, completedAt: string | null, error: string | null, factorModelVersion: number, exposureCount: number, excludedCount: number, excluded: Array<{ externalId: string, reason: string }>, scenario: { id: string, name: string, version: number } | null, pdSource: { kind: string, flat: number | null, byExposureCount: number, bySegment: Array<{ key: string, value: number }>, bySector: Array<{ key: string, value: number }> }, parameters: { seed: number, levels: Array<number>, targetRelativeError: number }, progress: { phase: string, chunksDone: number, scenarios: number, worstRelativeError: number | null, targetRelativeError: number, fannedOutJobs: number }, result: { durationSeconds: number, totals: { exposureCount: number, obligorCount: number, ead: number, expectedLoss: number, averagePd: number }, base: { scenarios: number, chunks: number, converged: boolean, effectiveSampleSize: number, expectedLossClosedForm: number, expectedLoss: { value: number, standardError: number }, unexpectedLoss: { value: number, standardError: number }, levels: Array<{ level: number, economicCapital: number, valueAtRisk: { value: number, standardError: number }, expectedShortfall: { value: number, standardError: number }, contributionsBySector: Array<{ sector: string, contribution: number, share: number }>, topObligors: Array<{ obligorId: string, name: string, sector: string, contribution: number, standardError: number, share: number }> }>, histogram: { edges: Array<number>, probability: Array<number>, standardError: Array<number>, exceedance: Array<number> } | null }, stressed: { scenarios: number, chunks: number, converged: boolean, effectiveSampleSize: number, expectedLossClosedForm: number, expectedLoss: { value: number, standardError: number }, unexpectedLoss: { value: number, standardError: number }, levels: Array<{ level: number, economicCapital: number, valueAtRisk: { value: number, standardError: number }, expectedShortfall: { value: number, standardError: number }, contributionsBySector: Array<{ sector: string, contribution: number, share: number }>, topObligors: Array<{ obligorId: string, name: string, sector: string, contribution: number, standardError: number, share: number }> }>, histogram: { edges: Array<number>, probability: Array<number>, standardError: Array<number>, exceedance: Array<number> } | null } | null, bySector: Array<{ key: string, exposureCount: number, ead: number, expectedLoss: number, averagePd: number }>, irb: { bySegment: Array<{ key: string, ead: number, rwa: number, capital: number, expectedLoss: number }>, total: { key: string, ead: number, rwa: number, capital: number, expectedLoss: number } }, concentration: { singleNameHhi: number, singleNameEffectiveNumber: number, sectorHhi: number, sectorEffectiveNumber: number, segmentHhi: number, granularityAdjustmentRate: number, granularityAdjustmentAmount: number, topShares: Array<{ n: number, share: number }>, largestNames: Array<{ id: string, name: string, ead: number, share: number }> }, ifrs9: { totalEcl: number, assumptions: Array<string>, stages: Array<{ stage: number, exposureCount: number, ead: number, ecl: number }> }, limitBreaches: Array<{ kind: RiskLimitKind, key: string, name: string, ead: number, share: number, limit: number, excess: number, limitKey: string }>, stress: { base: { averagePd: number, expectedLoss: number, rwa: number, irbCapital: number, levels: Array<{ level: number, economicCapital: number, valueAtRisk: { value: number, standardError: number }, expectedShortfall: { value: number, standardError: number } }> }, stressed: { averagePd: number, expectedLoss: number, rwa: number, irbCapital: number, levels: Array<{ level: number, economicCapital: number, valueAtRisk: { value: number, standardError: number }, expectedShortfall: { value: number, standardError: number } }> }, bySector: Array<{ sector: string, basePd: number, stressedPd: number, baseExpectedLoss: number, stressedExpectedLoss: number }> } | null } | null } | null };

export type RunPortfolioSimulationMutationVariables = Exact<{
  input: RunPortfolioSimulationInput;
}>;


export type RunPortfolioSimulationMutation = { runPortfolioSimulation: { id: string } };

export type CreateStressScenarioMutationVariables = Exact<{
  input: StressScenarioInput;
}>;


export type CreateStressScenarioMutation = { createStressScenario: { id: string } };

export type UpdateStressScenarioMutationVariables = Exact<{
  id: string | number;
  input: StressScenarioInput;
  expectedVersion?: number | null | undefined;
}>;


export type UpdateStressScenarioMutation = { updateStressScenario: { id: string } };

export type SetRiskLimitMutationVariables = Exact<{
  input: RiskLimitInput;
  expectedVersion?: number | null | undefined;
}>;


export type SetRiskLimitMutation = { setRiskLimit: { id: string } };

export type DeleteStressScenarioMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
}>;


export type DeleteStressScenarioMutation = { deleteStressScenario: { id: string } };

export type DeleteRiskLimitMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
}>;


export type DeleteRiskLimitMutation = { deleteRiskLimit: { id: string } };

export type ObligorScoringQueryVariables = Exact<{
  id: string | number;
}>;


export type ObligorScoringQuery = { obligor: { id: string, scoreHistory: Array<{ runId: string, exposureId: string, exposureExternalId: string, modelVersionId: string, asOf: string, pd: number, grade: string, scoredAt: string | null }>, whatIfScenarios: Array<{ id: string, name: string, asOf: string, createdAt: string, changes: Array<{ feature: string, value: number | null, text: string | null }>, outcomes: Array<{ exposureId: string, currentPd: number, currentGrade: string, scenarioPd: number, scenarioGrade: string }> }> } | null };

export type OnDemandScoreFieldsFragment = { exposureId: string, externalId: string, portfolioName: string, modelVersionId: string, pd: number, grade: string, logit: number, baselineLogit: number, baselinePd: number, gap: number, method: string, contributions: Array<{ feature: string, label: string, value: string | null, contribution: number }>, reasons: Array<{ feature: string, text: string }>, inputs: Array<{ name: string, value: number | null, text: string | null }> };

export type ScoreObligorQueryVariables = Exact<{
  obligorId: string | number;
}>;


export type ScoreObligorQuery = { scoreObligor: { asOf: string, scores: Array<{ exposureId: string, externalId: string, portfolioName: string, modelVersionId: string, pd: number, grade: string, logit: number, baselineLogit: number, baselinePd: number, gap: number, method: string, contributions: Array<{ feature: string, label: string, value: string | null, contribution: number }>, reasons: Array<{ feature: string, text: string }>, inputs: Array<{ name: string, value: number | null, text: string | null }> }> } };

export type WhatIfQueryVariables = Exact<{
  obligorId: string | number;
  changes: Array<WhatIfChangeInput> | WhatIfChangeInput;
}>;


export type WhatIfQuery = { whatIf: { asOf: string, exposures: Array<{ targetGrade: string | null, current: { exposureId: string, externalId: string, portfolioName: string, modelVersionId: string, pd: number, grade: string, logit: number, baselineLogit: number, baselinePd: number, gap: number, method: string, contributions: Array<{ feature: string, label: string, value: string | null, contribution: number }>, reasons: Array<{ feature: string, text: string }>, inputs: Array<{ name: string, value: number | null, text: string | null }> }, scenario: { exposureId: string, externalId: string, portfolioName: string, modelVersionId: string, pd: number, grade: string, logit: number, baselineLogit: number, baselinePd: number, gap: number, method: string, contributions: Array<{ feature: string, label: string, value: string | null, contribution: number }>, reasons: Array<{ feature: string, text: string }>, inputs: Array<{ name: string, value: number | null, text: string | null }> }, counterfactuals: Array<{ feature: string, label: string, from: string | null, to: string, pd: number, grade: string, sentence: string }> }> } };

export type SaveWhatIfScenarioMutationVariables = Exact<{
  name: string;
  obligorId: string | number;
  changes: Array<WhatIfChangeInput> | WhatIfChangeInput;
}>;


export type SaveWhatIfScenarioMutation = { saveWhatIfScenario: { id: string, name: string } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ApiKeyFieldsFragmentDoc = new TypedDocumentString(`
    fragment ApiKeyFields on ApiKey {
  id
  name
  scopes
  prefix
  status
  createdBy {
    id
    name
    email
  }
  lastUsedAt
  expiresAt
  revokedAt
  createdAt
}
    `, {"fragmentName":"ApiKeyFields"}) as unknown as TypedDocumentString<ApiKeyFieldsFragment, unknown>;
export const PageInfoFieldsFragmentDoc = new TypedDocumentString(`
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
    `, {"fragmentName":"PageInfoFields"}) as unknown as TypedDocumentString<PageInfoFieldsFragment, unknown>;
export const ExposureRowFieldsFragmentDoc = new TypedDocumentString(`
    fragment ExposureRowFields on Exposure {
  id
  externalId
  product
  currency
  ead
  limit
  utilisation
  lgd
  daysPastDue
  status
  maturityDate
}
    `, {"fragmentName":"ExposureRowFields"}) as unknown as TypedDocumentString<ExposureRowFieldsFragment, unknown>;
export const ObligorSummaryFieldsFragmentDoc = new TypedDocumentString(`
    fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}
    `, {"fragmentName":"ObligorSummaryFields"}) as unknown as TypedDocumentString<ObligorSummaryFieldsFragment, unknown>;
export const ExposureDetailFieldsFragmentDoc = new TypedDocumentString(`
    fragment ExposureDetailFields on Exposure {
  ...ExposureRowFields
  originationDate
  pdAtOrigination
  collateralValue
  createdAt
  updatedAt
  portfolio {
    id
    name
    baseCurrency
  }
  obligor {
    ...ObligorSummaryFields
  }
}
    fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}
fragment ExposureRowFields on Exposure {
  id
  externalId
  product
  currency
  ead
  limit
  utilisation
  lgd
  daysPastDue
  status
  maturityDate
}`, {"fragmentName":"ExposureDetailFields"}) as unknown as TypedDocumentString<ExposureDetailFieldsFragment, unknown>;
export const MemberFieldsFragmentDoc = new TypedDocumentString(`
    fragment MemberFields on Member {
  role
  disabled
  joinedAt
  user {
    id
    email
    name
    disabled
    lastLoginAt
  }
}
    `, {"fragmentName":"MemberFields"}) as unknown as TypedDocumentString<MemberFieldsFragment, unknown>;
export const BacktestFieldsFragmentDoc = new TypedDocumentString(`
    fragment BacktestFields on RunBacktest {
  runId
  asOf
  windowEnd
  windowComplete
  exposures
  defaults
  defaultedBefore
  meanPd
  auc
  aucLower
  aucUpper
  byGrade {
    grade
    count
    defaults
    meanPd
    observedRate
    binomialPValue
    binomialReject
    jeffreysPValue
  }
}
    `, {"fragmentName":"BacktestFields"}) as unknown as TypedDocumentString<BacktestFieldsFragment, unknown>;
export const BreakdownFieldsFragmentDoc = new TypedDocumentString(`
    fragment BreakdownFields on Breakdown {
  key
  exposureCount
  ead
  limit
  share
}
    `, {"fragmentName":"BreakdownFields"}) as unknown as TypedDocumentString<BreakdownFieldsFragment, unknown>;
export const TopObligorFieldsFragmentDoc = new TypedDocumentString(`
    fragment TopObligorFields on TopObligor {
  obligor {
    ...ObligorSummaryFields
  }
  exposureCount
  ead
  share
}
    fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}`, {"fragmentName":"TopObligorFields"}) as unknown as TypedDocumentString<TopObligorFieldsFragment, unknown>;
export const SnapshotPointFieldsFragmentDoc = new TypedDocumentString(`
    fragment SnapshotPointFields on PortfolioSnapshot {
  asOf
  exposureCount
  totalEad
  totalLimit
  totalLossGivenDefault
  defaultedCount
  defaultedEad
}
    `, {"fragmentName":"SnapshotPointFields"}) as unknown as TypedDocumentString<SnapshotPointFieldsFragment, unknown>;
export const RunPdFieldsFragmentDoc = new TypedDocumentString(`
    fragment RunPdFields on RunPdFigures {
  runId
  asOf
  finishedAt
  exposureCount
  ead
  eadWeightedPd
  expectedLoss
}
    `, {"fragmentName":"RunPdFields"}) as unknown as TypedDocumentString<RunPdFieldsFragment, unknown>;
export const RiskFactorModelFieldsFragmentDoc = new TypedDocumentString(`
    fragment RiskFactorModelFields on RiskFactorModel {
  version
  isDefault
  sectors
  correlation
  sectorAssetCorrelations {
    sector
    assetCorrelation
    loading
  }
  note
  createdAt
  createdBy {
    name
  }
}
    `, {"fragmentName":"RiskFactorModelFields"}) as unknown as TypedDocumentString<RiskFactorModelFieldsFragment, unknown>;
export const StressScenarioFieldsFragmentDoc = new TypedDocumentString(`
    fragment StressScenarioFields on StressScenario {
  id
  name
  description
  version
  propagate
  factorShocks {
    key
    value
  }
  pdMultipliers {
    all
    bySector {
      key
      value
    }
    bySegment {
      key
      value
    }
  }
  lgdAddOns {
    all
    bySector {
      key
      value
    }
    bySegment {
      key
      value
    }
  }
  updatedAt
  history {
    id
    action
    createdAt
    actor {
      name
    }
  }
}
    `, {"fragmentName":"StressScenarioFields"}) as unknown as TypedDocumentString<StressScenarioFieldsFragment, unknown>;
export const SimulationFiguresFieldsFragmentDoc = new TypedDocumentString(`
    fragment SimulationFiguresFields on SimulationFigures {
  scenarios
  chunks
  converged
  effectiveSampleSize
  expectedLoss {
    value
    standardError
  }
  expectedLossClosedForm
  unexpectedLoss {
    value
    standardError
  }
  levels {
    level
    valueAtRisk {
      value
      standardError
    }
    expectedShortfall {
      value
      standardError
    }
    economicCapital
    contributionsBySector {
      sector
      contribution
      share
    }
    topObligors {
      obligorId
      name
      sector
      contribution
      standardError
      share
    }
  }
  histogram {
    edges
    probability
    standardError
    exceedance
  }
}
    `, {"fragmentName":"SimulationFiguresFields"}) as unknown as TypedDocumentString<SimulationFiguresFieldsFragment, unknown>;
export const RiskResultFieldsFragmentDoc = new TypedDocumentString(`
    fragment RiskResultFields on RiskResult {
  durationSeconds
  totals {
    exposureCount
    obligorCount
    ead
    expectedLoss
    averagePd
  }
  base {
    ...SimulationFiguresFields
  }
  stressed {
    ...SimulationFiguresFields
  }
  bySector {
    key
    exposureCount
    ead
    expectedLoss
    averagePd
  }
  irb {
    bySegment {
      key
      ead
      rwa
      capital
      expectedLoss
    }
    total {
      key
      ead
      rwa
      capital
      expectedLoss
    }
  }
  concentration {
    singleNameHhi
    singleNameEffectiveNumber
    sectorHhi
    sectorEffectiveNumber
    segmentHhi
    topShares {
      n
      share
    }
    largestNames {
      id
      name
      ead
      share
    }
    granularityAdjustmentRate
    granularityAdjustmentAmount
  }
  ifrs9 {
    stages {
      stage
      exposureCount
      ead
      ecl
    }
    totalEcl
    assumptions
  }
  limitBreaches {
    kind
    key
    name
    ead
    share
    limit
    excess
    limitKey
  }
  stress {
    base {
      averagePd
      expectedLoss
      rwa
      irbCapital
      levels {
        level
        valueAtRisk {
          value
          standardError
        }
        expectedShortfall {
          value
          standardError
        }
        economicCapital
      }
    }
    stressed {
      averagePd
      expectedLoss
      rwa
      irbCapital
      levels {
        level
        valueAtRisk {
          value
          standardError
        }
        expectedShortfall {
          value
          standardError
        }
        economicCapital
      }
    }
    bySector {
      sector
      basePd
      stressedPd
      baseExpectedLoss
      stressedExpectedLoss
    }
  }
}
    fragment SimulationFiguresFields on SimulationFigures {
  scenarios
  chunks
  converged
  effectiveSampleSize
  expectedLoss {
    value
    standardError
  }
  expectedLossClosedForm
  unexpectedLoss {
    value
    standardError
  }
  levels {
    level
    valueAtRisk {
      value
      standardError
    }
    expectedShortfall {
      value
      standardError
    }
    economicCapital
    contributionsBySector {
      sector
      contribution
      share
    }
    topObligors {
      obligorId
      name
      sector
      contribution
      standardError
      share
    }
  }
  histogram {
    edges
    probability
    standardError
    exceedance
  }
}`, {"fragmentName":"RiskResultFields"}) as unknown as TypedDocumentString<RiskResultFieldsFragment, unknown>;
export const OnDemandScoreFieldsFragmentDoc = new TypedDocumentString(`
    fragment OnDemandScoreFields on OnDemandScore {
  exposureId
  externalId
  portfolioName
  modelVersionId
  pd
  grade
  logit
  baselineLogit
  baselinePd
  gap
  method
  contributions {
    feature
    label
    value
    contribution
  }
  reasons {
    feature
    text
  }
  inputs {
    name
    value
    text
  }
}
    `, {"fragmentName":"OnDemandScoreFields"}) as unknown as TypedDocumentString<OnDemandScoreFieldsFragment, unknown>;
export const ApiKeysDocument = new TypedDocumentString(`
    query ApiKeys($first: Int, $after: String, $last: Int, $before: String) {
  apiKeys(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    nodes {
      ...ApiKeyFields
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  scopes
  prefix
  status
  createdBy {
    id
    name
    email
  }
  lastUsedAt
  expiresAt
  revokedAt
  createdAt
}
fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}`) as unknown as TypedDocumentString<ApiKeysQuery, ApiKeysQueryVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey {
      ...ApiKeyFields
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  scopes
  prefix
  status
  createdBy {
    id
    name
    email
  }
  lastUsedAt
  expiresAt
  revokedAt
  createdAt
}`) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = new TypedDocumentString(`
    mutation RevokeApiKey($id: ID!) {
  revokeApiKey(id: $id) {
    ...ApiKeyFields
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  scopes
  prefix
  status
  createdBy {
    id
    name
    email
  }
  lastUsedAt
  expiresAt
  revokedAt
  createdAt
}`) as unknown as TypedDocumentString<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($first: Int, $after: String, $last: Int, $before: String, $filter: AuditLogFilter) {
  auditLog(
    first: $first
    after: $after
    last: $last
    before: $before
    filter: $filter
  ) {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    nodes {
      id
      action
      entityType
      entityId
      actor {
        kind
        id
        name
      }
      before
      after
      requestId
      createdAt
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}`) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const PortfolioExposuresDocument = new TypedDocumentString(`
    query PortfolioExposures($id: ID!, $first: Int, $after: String, $last: Int, $before: String, $filter: ExposureFilter, $orderBy: ExposureOrder) {
  portfolio(id: $id) {
    id
    name
    baseCurrency
    summary {
      eadBySector {
        key
      }
    }
    pdFigures {
      runId
      grades {
        grade
      }
    }
    exposures(
      first: $first
      after: $after
      last: $last
      before: $before
      filter: $filter
      orderBy: $orderBy
    ) {
      totalCount
      totalCountIsEstimate
      pageInfo {
        ...PageInfoFields
      }
      nodes {
        ...ExposureRowFields
        obligor {
          ...ObligorSummaryFields
        }
        score {
          runId
          pd
          grade
        }
        previousScore {
          runId
          pd
          grade
        }
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}
fragment ExposureRowFields on Exposure {
  id
  externalId
  product
  currency
  ead
  limit
  utilisation
  lgd
  daysPastDue
  status
  maturityDate
}`) as unknown as TypedDocumentString<PortfolioExposuresQuery, PortfolioExposuresQueryVariables>;
export const ExposureDocument = new TypedDocumentString(`
    query Exposure($id: ID!) {
  exposure(id: $id) {
    ...ExposureDetailFields
  }
}
    fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}
fragment ExposureRowFields on Exposure {
  id
  externalId
  product
  currency
  ead
  limit
  utilisation
  lgd
  daysPastDue
  status
  maturityDate
}
fragment ExposureDetailFields on Exposure {
  ...ExposureRowFields
  originationDate
  pdAtOrigination
  collateralValue
  createdAt
  updatedAt
  portfolio {
    id
    name
    baseCurrency
  }
  obligor {
    ...ObligorSummaryFields
  }
}`) as unknown as TypedDocumentString<ExposureQuery, ExposureQueryVariables>;
export const UpdateExposureDocument = new TypedDocumentString(`
    mutation UpdateExposure($id: ID!, $input: UpdateExposureInput!, $expectedUpdatedAt: DateTime) {
  updateExposure(id: $id, input: $input, expectedUpdatedAt: $expectedUpdatedAt) {
    ...ExposureDetailFields
  }
}
    fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}
fragment ExposureRowFields on Exposure {
  id
  externalId
  product
  currency
  ead
  limit
  utilisation
  lgd
  daysPastDue
  status
  maturityDate
}
fragment ExposureDetailFields on Exposure {
  ...ExposureRowFields
  originationDate
  pdAtOrigination
  collateralValue
  createdAt
  updatedAt
  portfolio {
    id
    name
    baseCurrency
  }
  obligor {
    ...ObligorSummaryFields
  }
}`) as unknown as TypedDocumentString<UpdateExposureMutation, UpdateExposureMutationVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    kind
    name
    email
    role
    permissions
    organization {
      id
      name
      slug
    }
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const MembersDocument = new TypedDocumentString(`
    query Members($first: Int, $after: String, $last: Int, $before: String) {
  members(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    nodes {
      ...MemberFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment MemberFields on Member {
  role
  disabled
  joinedAt
  user {
    id
    email
    name
    disabled
    lastLoginAt
  }
}`) as unknown as TypedDocumentString<MembersQuery, MembersQueryVariables>;
export const InviteMemberDocument = new TypedDocumentString(`
    mutation InviteMember($input: InviteMemberInput!) {
  inviteMember(input: $input) {
    temporaryPassword
    member {
      ...MemberFields
    }
  }
}
    fragment MemberFields on Member {
  role
  disabled
  joinedAt
  user {
    id
    email
    name
    disabled
    lastLoginAt
  }
}`) as unknown as TypedDocumentString<InviteMemberMutation, InviteMemberMutationVariables>;
export const ChangeMemberRoleDocument = new TypedDocumentString(`
    mutation ChangeMemberRole($userId: ID!, $role: Role!) {
  changeMemberRole(userId: $userId, role: $role) {
    ...MemberFields
  }
}
    fragment MemberFields on Member {
  role
  disabled
  joinedAt
  user {
    id
    email
    name
    disabled
    lastLoginAt
  }
}`) as unknown as TypedDocumentString<ChangeMemberRoleMutation, ChangeMemberRoleMutationVariables>;
export const SetMemberDisabledDocument = new TypedDocumentString(`
    mutation SetMemberDisabled($userId: ID!, $disabled: Boolean!) {
  setMemberDisabled(userId: $userId, disabled: $disabled) {
    ...MemberFields
  }
}
    fragment MemberFields on Member {
  role
  disabled
  joinedAt
  user {
    id
    email
    name
    disabled
    lastLoginAt
  }
}`) as unknown as TypedDocumentString<SetMemberDisabledMutation, SetMemberDisabledMutationVariables>;
export const RemoveMemberDocument = new TypedDocumentString(`
    mutation RemoveMember($userId: ID!) {
  removeMember(userId: $userId) {
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RemoveMemberMutation, RemoveMemberMutationVariables>;
export const ChangeMyPasswordDocument = new TypedDocumentString(`
    mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {
  changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)
}
    `) as unknown as TypedDocumentString<ChangeMyPasswordMutation, ChangeMyPasswordMutationVariables>;
export const DatasetsDocument = new TypedDocumentString(`
    query Datasets($first: Int, $after: String) {
  datasets(first: $first, after: $after) {
    totalCount
    nodes {
      id
      name
      sha256
      byteSize
      rowCount
      columnCount
      targetColumn
      defaultRate
      uploadedBy {
        name
      }
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<DatasetsQuery, DatasetsQueryVariables>;
export const DatasetDetailDocument = new TypedDocumentString(`
    query DatasetDetail($id: ID!) {
  dataset(id: $id) {
    id
    name
    description
    sha256
    byteSize
    storedSize
    rowCount
    columnCount
    targetColumn
    defaultCount
    defaultRate
    columns {
      name
      type
      missing
    }
    validationReport
    uploadedBy {
      name
    }
    createdAt
  }
}
    `) as unknown as TypedDocumentString<DatasetDetailQuery, DatasetDetailQueryVariables>;
export const ModelsDocument = new TypedDocumentString(`
    query Models {
  models(first: 50) {
    nodes {
      id
      name
      segment
      description
      champion {
        id
        version
        kind
        metrics {
          testAuc
          gini
        }
      }
      versions {
        id
        status
      }
    }
  }
  datasets(first: 50) {
    nodes {
      id
      name
      targetColumn
      rowCount
    }
  }
  modelKinds
}
    `) as unknown as TypedDocumentString<ModelsQuery, ModelsQueryVariables>;
export const ModelDetailDocument = new TypedDocumentString(`
    query ModelDetail($id: ID!) {
  model(id: $id) {
    id
    name
    segment
    description
    challenger {
      id
    }
    versions {
      id
      version
      status
      kind
      backend
      machine
      trainingMs
      createdAt
      metrics {
        testAuc
        testAucLower
        testAucUpper
        gini
        ks
        brier
      }
      dataset {
        id
        name
      }
      trainedBy {
        name
      }
      approvedBy {
        name
      }
    }
    trainingJobs {
      id
      kind
      status
      error
      attempts
      createdAt
      progress {
        stage
        unit
        step
        steps
        loss
        validationAuc
        elapsedSeconds
        etaSeconds
      }
      version {
        id
        version
      }
    }
  }
  datasets(first: 200) {
    nodes {
      id
      name
      targetColumn
    }
  }
  modelKinds
}
    `) as unknown as TypedDocumentString<ModelDetailQuery, ModelDetailQueryVariables>;
export const ModelVersionDetailDocument = new TypedDocumentString(`
    query ModelVersionDetail($id: ID!) {
  modelVersion(id: $id) {
    id
    version
    status
    kind
    target
    options
    backend
    machine
    trainingMs
    modelFileSha256
    createdAt
    model {
      id
      name
    }
    dataset {
      id
      name
      sha256
    }
    metrics {
      testAuc
      testAucLower
      testAucUpper
      gini
      ks
      brier
      logLoss
      validationAuc
      psi
      hosmerLemeshowPValue
    }
    validationReport
    trainedBy {
      name
    }
    submittedBy {
      name
    }
    submittedAt
    approvedBy {
      name
    }
    approvedAt
    approvalComment
    rejectedBy {
      name
    }
    rejectedAt
    rejectionComment
    promotedBy {
      name
    }
    promotedAt
    retiredAt
  }
}
    `) as unknown as TypedDocumentString<ModelVersionDetailQuery, ModelVersionDetailQueryVariables>;
export const TrainModelDocument = new TypedDocumentString(`
    mutation TrainModel($input: TrainModelInput!) {
  trainModel(input: $input) {
    id
    model {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<TrainModelMutation, TrainModelMutationVariables>;
export const SetModelChallengerDocument = new TypedDocumentString(`
    mutation SetModelChallenger($modelId: ID!, $versionId: ID) {
  setModelChallenger(modelId: $modelId, versionId: $versionId)
}
    `) as unknown as TypedDocumentString<SetModelChallengerMutation, SetModelChallengerMutationVariables>;
export const CancelTrainingDocument = new TypedDocumentString(`
    mutation CancelTraining($id: ID!) {
  cancelTrainingJob(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<CancelTrainingMutation, CancelTrainingMutationVariables>;
export const TransitionVersionDocument = new TypedDocumentString(`
    mutation TransitionVersion($id: ID!, $action: ModelVersionAction!, $comment: String) {
  transitionModelVersion(id: $id, action: $action, comment: $comment) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<TransitionVersionMutation, TransitionVersionMutationVariables>;
export const MasterScaleDocument = new TypedDocumentString(`
    query MasterScale {
  masterScales {
    id
    version
    comment
    createdAt
    createdBy {
      name
    }
    grades {
      grade
      maxPd
    }
  }
}
    `) as unknown as TypedDocumentString<MasterScaleQuery, MasterScaleQueryVariables>;
export const UpdateMasterScaleDocument = new TypedDocumentString(`
    mutation UpdateMasterScale($grades: [MasterScaleGradeInput!]!, $comment: String, $expectedVersion: Int) {
  updateMasterScale(
    grades: $grades
    comment: $comment
    expectedVersion: $expectedVersion
  ) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<UpdateMasterScaleMutation, UpdateMasterScaleMutationVariables>;
export const ScoringRunsDocument = new TypedDocumentString(`
    query ScoringRuns($id: ID!) {
  portfolio(id: $id) {
    id
    name
    scoringModel {
      modelId
      cron
      timeZone
    }
    scoringRuns(first: 50) {
      id
      status
      trigger
      asOf
      modelVersionId
      batchCount
      batchesDone
      exposureCount
      scoredCount
      skippedCount
      backend
      readMs
      scoreMs
      writeMs
      error
      createdAt
      startedAt
      finishedAt
      monitoring {
        psi {
          value
          light
        }
        migration {
          downgradesTwoPlus
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ScoringRunsQuery, ScoringRunsQueryVariables>;
export const ScoringRunDetailDocument = new TypedDocumentString(`
    query ScoringRunDetail($id: ID!) {
  scoringRun(id: $id) {
    id
    portfolioId
    status
    trigger
    asOf
    modelVersionId
    batchCount
    batchesDone
    exposureCount
    scoredCount
    skippedCount
    backend
    readMs
    scoreMs
    writeMs
    error
    createdAt
    startedAt
    finishedAt
    backtest {
      ...BacktestFields
    }
    challengerVersionId
    challenger {
      exposures
      quantiles {
        q
        champion
        challenger
      }
      meanPdChampion
      meanPdChallenger
      spearman
      defaults
      auc {
        champion
        challenger
        difference
        pValue
      }
      migration {
        grades
        counts
        stable
        upgrades
        downgrades
      }
    }
    monitoring {
      computedAt
      reference
      previousRunId
      psi {
        value
        light
        bins {
          label
          expectedShare
          actualShare
          contribution
        }
      }
      csi {
        feature
        value
        light
      }
      migration {
        grades
        counts
        matched
        stable
        upgrades
        downgrades
        downgradesTwoPlus
        newExposures
      }
    }
  }
}
    fragment BacktestFields on RunBacktest {
  runId
  asOf
  windowEnd
  windowComplete
  exposures
  defaults
  defaultedBefore
  meanPd
  auc
  aucLower
  aucUpper
  byGrade {
    grade
    count
    defaults
    meanPd
    observedRate
    binomialPValue
    binomialReject
    jeffreysPValue
  }
}`) as unknown as TypedDocumentString<ScoringRunDetailQuery, ScoringRunDetailQueryVariables>;
export const WatchlistDocument = new TypedDocumentString(`
    query Watchlist($portfolioId: ID, $first: Int, $offset: Int) {
  watchlist(portfolioId: $portfolioId, first: $first, offset: $offset) {
    pdThreshold
    gradeDrop
    settingsVersion
    totalCount
    entries {
      obligorId
      obligorName
      obligorExternalId
      portfolioId
      portfolioName
      runId
      pd
      previousPd
      grade
      previousGrade
      gradesDown
      reasons
    }
  }
}
    `) as unknown as TypedDocumentString<WatchlistQuery, WatchlistQueryVariables>;
export const SetMonitoringSettingsDocument = new TypedDocumentString(`
    mutation SetMonitoringSettings($watchlistPdThreshold: Float, $watchlistGradeDrop: Int, $expectedVersion: Int) {
  setMonitoringSettings(
    watchlistPdThreshold: $watchlistPdThreshold
    watchlistGradeDrop: $watchlistGradeDrop
    expectedVersion: $expectedVersion
  ) {
    watchlistPdThreshold
    watchlistGradeDrop
    version
  }
}
    `) as unknown as TypedDocumentString<SetMonitoringSettingsMutation, SetMonitoringSettingsMutationVariables>;
export const RescorePortfolioDocument = new TypedDocumentString(`
    mutation RescorePortfolio($portfolioId: ID!) {
  rescorePortfolio(portfolioId: $portfolioId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RescorePortfolioMutation, RescorePortfolioMutationVariables>;
export const ModelVersionBacktestsDocument = new TypedDocumentString(`
    query ModelVersionBacktests($id: ID!) {
  modelVersion(id: $id) {
    id
    backtests {
      ...BacktestFields
    }
  }
}
    fragment BacktestFields on RunBacktest {
  runId
  asOf
  windowEnd
  windowComplete
  exposures
  defaults
  defaultedBefore
  meanPd
  auc
  aucLower
  aucUpper
  byGrade {
    grade
    count
    defaults
    meanPd
    observedRate
    binomialPValue
    binomialReject
    jeffreysPValue
  }
}`) as unknown as TypedDocumentString<ModelVersionBacktestsQuery, ModelVersionBacktestsQueryVariables>;
export const ObligorDocument = new TypedDocumentString(`
    query Obligor($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  obligor(id: $id) {
    id
    externalId
    name
    segment
    sector
    country
    createdAt
    updatedAt
    totalEad
    totalLimit
    utilisation
    maxDaysPastDue
    currencies
    portfolioCount
    exposures(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      nodes {
        ...ExposureRowFields
        portfolio {
          id
          name
          baseCurrency
        }
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment ExposureRowFields on Exposure {
  id
  externalId
  product
  currency
  ead
  limit
  utilisation
  lgd
  daysPastDue
  status
  maturityDate
}`) as unknown as TypedDocumentString<ObligorQuery, ObligorQueryVariables>;
export const PortfolioListDocument = new TypedDocumentString(`
    query PortfolioList($first: Int, $after: String, $last: Int, $before: String) {
  portfolios(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    nodes {
      id
      name
      description
      baseCurrency
      createdAt
      summary {
        exposureCount
        obligorCount
        totalEad
        totalLimit
        utilisation
        defaultedCount
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}`) as unknown as TypedDocumentString<PortfolioListQuery, PortfolioListQueryVariables>;
export const PortfolioHeaderDocument = new TypedDocumentString(`
    query PortfolioHeader($id: ID!) {
  portfolio(id: $id) {
    id
    name
    description
    baseCurrency
    createdAt
  }
}
    `) as unknown as TypedDocumentString<PortfolioHeaderQuery, PortfolioHeaderQueryVariables>;
export const PortfolioOverviewDocument = new TypedDocumentString(`
    query PortfolioOverview($id: ID!, $trendDays: Int!, $pdRuns: Int!) {
  portfolio(id: $id) {
    id
    name
    description
    baseCurrency
    createdAt
    updatedAt
    summary {
      exposureCount
      obligorCount
      totalEad
      totalLimit
      utilisation
      totalLossGivenDefault
      defaultedCount
      defaultedEad
      eadBySegment {
        ...BreakdownFields
      }
      eadBySector {
        ...BreakdownFields
      }
      eadByStatus {
        ...BreakdownFields
      }
      topObligors(limit: 10) {
        ...TopObligorFields
      }
    }
    pdFigures {
      ...RunPdFields
      grades {
        grade
        exposureCount
        ead
        eadWeightedPd
        expectedLoss
        minPd
        maxPd
      }
    }
    pdTrend(last: $pdRuns) {
      ...RunPdFields
    }
    snapshots(first: $trendDays) {
      totalCount
      nodes {
        ...SnapshotPointFields
      }
    }
  }
}
    fragment ObligorSummaryFields on Obligor {
  id
  name
  externalId
  segment
  sector
  country
}
fragment BreakdownFields on Breakdown {
  key
  exposureCount
  ead
  limit
  share
}
fragment TopObligorFields on TopObligor {
  obligor {
    ...ObligorSummaryFields
  }
  exposureCount
  ead
  share
}
fragment SnapshotPointFields on PortfolioSnapshot {
  asOf
  exposureCount
  totalEad
  totalLimit
  totalLossGivenDefault
  defaultedCount
  defaultedEad
}
fragment RunPdFields on RunPdFigures {
  runId
  asOf
  finishedAt
  exposureCount
  ead
  eadWeightedPd
  expectedLoss
}`) as unknown as TypedDocumentString<PortfolioOverviewQuery, PortfolioOverviewQueryVariables>;
export const CreatePortfolioDocument = new TypedDocumentString(`
    mutation CreatePortfolio($input: CreatePortfolioInput!) {
  createPortfolio(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<CreatePortfolioMutation, CreatePortfolioMutationVariables>;
export const RiskModelDocument = new TypedDocumentString(`
    query RiskModel {
  riskFactorModel {
    ...RiskFactorModelFields
  }
  riskFactorModelVersions {
    ...RiskFactorModelFields
  }
}
    fragment RiskFactorModelFields on RiskFactorModel {
  version
  isDefault
  sectors
  correlation
  sectorAssetCorrelations {
    sector
    assetCorrelation
    loading
  }
  note
  createdAt
  createdBy {
    name
  }
}`) as unknown as TypedDocumentString<RiskModelQuery, RiskModelQueryVariables>;
export const SaveRiskFactorModelDocument = new TypedDocumentString(`
    mutation SaveRiskFactorModel($input: RiskFactorModelInput!, $expectedVersion: Int) {
  saveRiskFactorModel(input: $input, expectedVersion: $expectedVersion) {
    version
  }
}
    `) as unknown as TypedDocumentString<SaveRiskFactorModelMutation, SaveRiskFactorModelMutationVariables>;
export const RiskPageDocument = new TypedDocumentString(`
    query RiskPage($id: ID!) {
  portfolio(id: $id) {
    id
    name
    baseCurrency
    riskSimulations(first: 15) {
      id
      status
      asOf
      createdAt
      exposureCount
      scenario {
        name
      }
      progress {
        phase
      }
    }
  }
  riskFactorModel {
    version
    isDefault
    sectors
  }
  stressScenarios {
    ...StressScenarioFields
  }
  riskLimits {
    id
    kind
    key
    version
    maxShare
    maxEad
  }
}
    fragment StressScenarioFields on StressScenario {
  id
  name
  description
  version
  propagate
  factorShocks {
    key
    value
  }
  pdMultipliers {
    all
    bySector {
      key
      value
    }
    bySegment {
      key
      value
    }
  }
  lgdAddOns {
    all
    bySector {
      key
      value
    }
    bySegment {
      key
      value
    }
  }
  updatedAt
  history {
    id
    action
    createdAt
    actor {
      name
    }
  }
}`) as unknown as TypedDocumentString<RiskPageQuery, RiskPageQueryVariables>;
export const RiskSimulationDocument = new TypedDocumentString(`
    query RiskSimulation($id: ID!) {
  riskSimulation(id: $id) {
    id
    portfolioId
    status
    asOf
    createdAt
    completedAt
    error
    factorModelVersion
    exposureCount
    excludedCount
    excluded(first: 20) {
      externalId
      reason
    }
    scenario {
      id
      name
      version
    }
    pdSource {
      kind
      flat
      bySegment {
        key
        value
      }
      bySector {
        key
        value
      }
      byExposureCount
    }
    parameters {
      seed
      levels
      targetRelativeError
    }
    progress {
      phase
      chunksDone
      scenarios
      worstRelativeError
      targetRelativeError
      fannedOutJobs
    }
    result {
      ...RiskResultFields
    }
  }
}
    fragment SimulationFiguresFields on SimulationFigures {
  scenarios
  chunks
  converged
  effectiveSampleSize
  expectedLoss {
    value
    standardError
  }
  expectedLossClosedForm
  unexpectedLoss {
    value
    standardError
  }
  levels {
    level
    valueAtRisk {
      value
      standardError
    }
    expectedShortfall {
      value
      standardError
    }
    economicCapital
    contributionsBySector {
      sector
      contribution
      share
    }
    topObligors {
      obligorId
      name
      sector
      contribution
      standardError
      share
    }
  }
  histogram {
    edges
    probability
    standardError
    exceedance
  }
}
fragment RiskResultFields on RiskResult {
  durationSeconds
  totals {
    exposureCount
    obligorCount
    ead
    expectedLoss
    averagePd
  }
  base {
    ...SimulationFiguresFields
  }
  stressed {
    ...SimulationFiguresFields
  }
  bySector {
    key
    exposureCount
    ead
    expectedLoss
    averagePd
  }
  irb {
    bySegment {
      key
      ead
      rwa
      capital
      expectedLoss
    }
    total {
      key
      ead
      rwa
      capital
      expectedLoss
    }
  }
  concentration {
    singleNameHhi
    singleNameEffectiveNumber
    sectorHhi
    sectorEffectiveNumber
    segmentHhi
    topShares {
      n
      share
    }
    largestNames {
      id
      name
      ead
      share
    }
    granularityAdjustmentRate
    granularityAdjustmentAmount
  }
  ifrs9 {
    stages {
      stage
      exposureCount
      ead
      ecl
    }
    totalEcl
    assumptions
  }
  limitBreaches {
    kind
    key
    name
    ead
    share
    limit
    excess
    limitKey
  }
  stress {
    base {
      averagePd
      expectedLoss
      rwa
      irbCapital
      levels {
        level
        valueAtRisk {
          value
          standardError
        }
        expectedShortfall {
          value
          standardError
        }
        economicCapital
      }
    }
    stressed {
      averagePd
      expectedLoss
      rwa
      irbCapital
      levels {
        level
        valueAtRisk {
          value
          standardError
        }
        expectedShortfall {
          value
          standardError
        }
        economicCapital
      }
    }
    bySector {
      sector
      basePd
      stressedPd
      baseExpectedLoss
      stressedExpectedLoss
    }
  }
}`) as unknown as TypedDocumentString<RiskSimulationQuery, RiskSimulationQueryVariables>;
export const RunPortfolioSimulationDocument = new TypedDocumentString(`
    mutation RunPortfolioSimulation($input: RunPortfolioSimulationInput!) {
  runPortfolioSimulation(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<RunPortfolioSimulationMutation, RunPortfolioSimulationMutationVariables>;
export const CreateStressScenarioDocument = new TypedDocumentString(`
    mutation CreateStressScenario($input: StressScenarioInput!) {
  createStressScenario(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateStressScenarioMutation, CreateStressScenarioMutationVariables>;
export const UpdateStressScenarioDocument = new TypedDocumentString(`
    mutation UpdateStressScenario($id: ID!, $input: StressScenarioInput!, $expectedVersion: Int) {
  updateStressScenario(id: $id, input: $input, expectedVersion: $expectedVersion) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateStressScenarioMutation, UpdateStressScenarioMutationVariables>;
export const SetRiskLimitDocument = new TypedDocumentString(`
    mutation SetRiskLimit($input: RiskLimitInput!, $expectedVersion: Int) {
  setRiskLimit(input: $input, expectedVersion: $expectedVersion) {
    id
  }
}
    `) as unknown as TypedDocumentString<SetRiskLimitMutation, SetRiskLimitMutationVariables>;
export const DeleteStressScenarioDocument = new TypedDocumentString(`
    mutation DeleteStressScenario($id: ID!, $expectedVersion: Int) {
  deleteStressScenario(id: $id, expectedVersion: $expectedVersion) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteStressScenarioMutation, DeleteStressScenarioMutationVariables>;
export const DeleteRiskLimitDocument = new TypedDocumentString(`
    mutation DeleteRiskLimit($id: ID!, $expectedVersion: Int) {
  deleteRiskLimit(id: $id, expectedVersion: $expectedVersion) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteRiskLimitMutation, DeleteRiskLimitMutationVariables>;
export const ObligorScoringDocument = new TypedDocumentString(`
    query ObligorScoring($id: ID!) {
  obligor(id: $id) {
    id
    scoreHistory {
      runId
      exposureId
      exposureExternalId
      modelVersionId
      asOf
      pd
      grade
      scoredAt
    }
    whatIfScenarios {
      id
      name
      asOf
      createdAt
      changes {
        feature
        value
        text
      }
      outcomes {
        exposureId
        currentPd
        currentGrade
        scenarioPd
        scenarioGrade
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ObligorScoringQuery, ObligorScoringQueryVariables>;
export const ScoreObligorDocument = new TypedDocumentString(`
    query ScoreObligor($obligorId: ID!) {
  scoreObligor(obligorId: $obligorId) {
    asOf
    scores {
      ...OnDemandScoreFields
    }
  }
}
    fragment OnDemandScoreFields on OnDemandScore {
  exposureId
  externalId
  portfolioName
  modelVersionId
  pd
  grade
  logit
  baselineLogit
  baselinePd
  gap
  method
  contributions {
    feature
    label
    value
    contribution
  }
  reasons {
    feature
    text
  }
  inputs {
    name
    value
    text
  }
}`) as unknown as TypedDocumentString<ScoreObligorQuery, ScoreObligorQueryVariables>;
export const WhatIfDocument = new TypedDocumentString(`
    query WhatIf($obligorId: ID!, $changes: [WhatIfChangeInput!]!) {
  whatIf(obligorId: $obligorId, changes: $changes) {
    asOf
    exposures {
      targetGrade
      current {
        ...OnDemandScoreFields
      }
      scenario {
        ...OnDemandScoreFields
      }
      counterfactuals {
        feature
        label
        from
        to
        pd
        grade
        sentence
      }
    }
  }
}
    fragment OnDemandScoreFields on OnDemandScore {
  exposureId
  externalId
  portfolioName
  modelVersionId
  pd
  grade
  logit
  baselineLogit
  baselinePd
  gap
  method
  contributions {
    feature
    label
    value
    contribution
  }
  reasons {
    feature
    text
  }
  inputs {
    name
    value
    text
  }
}`) as unknown as TypedDocumentString<WhatIfQuery, WhatIfQueryVariables>;
export const SaveWhatIfScenarioDocument = new TypedDocumentString(`
    mutation SaveWhatIfScenario($name: String!, $obligorId: ID!, $changes: [WhatIfChangeInput!]!) {
  saveWhatIfScenario(name: $name, obligorId: $obligorId, changes: $changes) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<SaveWhatIfScenarioMutation, SaveWhatIfScenarioMutationVariables>;