// The model lifecycle as the data layer returns it: datasets, models, versions, training jobs and the
// master scale. JSON documents (validation reports, options, metrics) stay JsonValue: their shape is
// packages/ml's, and the data layer stores them as they come.
import type { DecimalString, JsonValue, Segment } from './values.ts';

export type ModelVersionStatus = 'DRAFT' | 'VALIDATED' | 'APPROVED' | 'CHAMPION' | 'RETIRED' | 'REJECTED';
export type TrainingJobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface DatasetColumn {
  name: string;
  /** packages/ml's inferred type: numeric, categorical, binary, identifier, empty... */
  type: string;
  missing: number;
}

export interface Dataset {
  id: string;
  organizationId: string;
  name: string;
  description: string | null;
  /** Hex SHA-256 of the file as uploaded. */
  sha256: string;
  storage: string;
  byteSize: number;
  storedSize: number;
  rowCount: number;
  columnCount: number;
  columns: DatasetColumn[];
  targetColumn: string | null;
  defaultCount: number | null;
  /** Share of rows in default, 8 decimal places. */
  defaultRate: DecimalString | null;
  validationReport: JsonValue;
  uploadedById: string | null;
  uploadedByApiKeyId: string | null;
  createdAt: Date;
}

export interface Model {
  id: string;
  organizationId: string;
  name: string;
  description: string | null;
  segment: Segment | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** An APPROVED version scoring in shadow in every run of the champion (setModelChallenger). */
  challengerVersionId: string | null;
}

/** Live progress of a training job, as the worker last wrote it. */
export interface TrainingProgress {
  stage: string;
  unit?: 'epoch' | 'tree' | 'penalty';
  step?: number;
  steps?: number;
  loss?: number;
  validationAuc?: number;
  elapsedSeconds: number;
  etaSeconds?: number;
}

export interface TrainingJob {
  id: string;
  organizationId: string;
  modelId: string;
  datasetId: string;
  kind: string;
  target: string;
  options: JsonValue;
  status: TrainingJobStatus;
  queueJobId: string | null;
  progress: TrainingProgress | null;
  attempts: number;
  error: string | null;
  backend: string | null;
  machine: string | null;
  requestedById: string | null;
  requestedByApiKeyId: string | null;
  cancelRequestedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  /** The version it produced, once it succeeded. */
  versionId: string | null;
}

/** A version without its (large) model file; read the file with getModelVersionFile. */
export interface ModelVersion {
  id: string;
  organizationId: string;
  modelId: string;
  version: number;
  trainingJobId: string | null;
  datasetId: string;
  kind: string;
  target: string;
  options: JsonValue;
  modelFileSha256: string;
  modelFileSize: number;
  metrics: JsonValue;
  validationReport: JsonValue | null;
  status: ModelVersionStatus;
  backend: string | null;
  machine: string | null;
  queuedAt: Date | null;
  trainingStartedAt: Date | null;
  trainingFinishedAt: Date | null;
  trainingMs: number | null;
  masterScaleId: string | null;
  trainedById: string | null;
  trainedByApiKeyId: string | null;
  submittedById: string | null;
  submittedAt: Date | null;
  validatedById: string | null;
  validatedAt: Date | null;
  approvedById: string | null;
  approvedAt: Date | null;
  approvalComment: string | null;
  rejectedById: string | null;
  rejectedAt: Date | null;
  rejectionComment: string | null;
  promotedById: string | null;
  promotedAt: Date | null;
  retiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A version's model file: packages/ml's JSON text, checked against its stored SHA-256 when read. */
export interface ModelVersionFile {
  version: ModelVersion;
  /** The model file as packages/ml wrote it (parse with @probity/ml's parseModel). */
  modelFileJson: string;
}

/** A grade and the highest PD it holds (inclusive), as packages/ml's GradeBound; the last grade's maxPd is 1. */
export interface MasterScaleGrade {
  grade: string;
  maxPd: number;
}

export interface MasterScale {
  id: string;
  organizationId: string;
  version: number;
  grades: MasterScaleGrade[];
  comment: string | null;
  createdById: string | null;
  createdAt: Date;
}
