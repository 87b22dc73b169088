// Prisma rows of the model lifecycle -> domain types (internal to packages/db).
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type * as Rows from '../generated/prisma/client.ts';
import type * as RowEnums from '../generated/prisma/enums.ts';
import { fixed } from '../decimal.ts';
import type {
  Dataset,
  DatasetColumn,
  MasterScale,
  MasterScaleGrade,
  Model,
  ModelVersion,
  ModelVersionStatus,
  TrainingJob,
  TrainingJobStatus,
  TrainingProgress,
} from './models.ts';
import type { JsonValue } from './values.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const enumsMatch: [Same<ModelVersionStatus, RowEnums.ModelVersionStatus>, Same<TrainingJobStatus, RowEnums.TrainingJobStatus>] = [
  true,
  true,
];
void enumsMatch;

/** Places of a dataset's default rate (NUMERIC(9,8)). */
export const DEFAULT_RATE_SCALE = 8;

export function toDataset(row: Rows.Dataset): Dataset {
  if (row.sha256 === null) throw new Error(`dataset ${row.id} is still being uploaded`);
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    description: row.description,
    sha256: row.sha256,
    storage: row.storage,
    byteSize: Number(row.byteSize),
    storedSize: Number(row.storedSize),
    rowCount: row.rowCount,
    columnCount: row.columnCount,
    columns: row.columns as unknown as DatasetColumn[],
    targetColumn: row.targetColumn,
    defaultCount: row.defaultCount,
    defaultRate: row.defaultRate === null ? null : fixed(row.defaultRate, DEFAULT_RATE_SCALE),
    validationReport: row.validationReport as JsonValue,
    uploadedById: row.uploadedById,
    uploadedByApiKeyId: row.uploadedByApiKeyId,
    createdAt: row.createdAt,
  };
}

export function toModel(row: Rows.Model): Model {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    description: row.description,
    segment: row.segment,
    createdById: row.createdById,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    challengerVersionId: row.challengerVersionId,
  };
}

export function toTrainingJob(row: Rows.TrainingJob & { version?: { id: string } | null }): TrainingJob {
  return {
    id: row.id,
    organizationId: row.organizationId,
    modelId: row.modelId,
    datasetId: row.datasetId,
    kind: row.kind,
    target: row.target,
    options: row.options as JsonValue,
    status: row.status,
    queueJobId: row.queueJobId,
    progress: (row.progress as TrainingProgress | null) ?? null,
    attempts: row.attempts,
    error: row.error,
    backend: row.backend,
    machine: row.machine,
    requestedById: row.requestedById,
    requestedByApiKeyId: row.requestedByApiKeyId,
    cancelRequestedAt: row.cancelRequestedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    createdAt: row.createdAt,
    versionId: row.version?.id ?? null,
  };
}

/** Every column of a version but the model file itself (lists never load it). */
export const VERSION_FIELDS = {
  id: true,
  organizationId: true,
  modelId: true,
  version: true,
  trainingJobId: true,
  datasetId: true,
  kind: true,
  target: true,
  options: true,
  modelFileSha256: true,
  modelFileSize: true,
  metrics: true,
  validationReport: true,
  status: true,
  backend: true,
  machine: true,
  queuedAt: true,
  trainingStartedAt: true,
  trainingFinishedAt: true,
  trainingMs: true,
  masterScaleId: true,
  trainedById: true,
  trainedByApiKeyId: true,
  submittedById: true,
  submittedAt: true,
  validatedById: true,
  validatedAt: true,
  approvedById: true,
  approvedAt: true,
  approvalComment: true,
  rejectedById: true,
  rejectedAt: true,
  rejectionComment: true,
  promotedById: true,
  promotedAt: true,
  retiredAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function toModelVersion(row: Omit<Rows.ModelVersion, 'modelFile'>): ModelVersion {
  return {
    id: row.id,
    organizationId: row.organizationId,
    modelId: row.modelId,
    version: row.version,
    trainingJobId: row.trainingJobId,
    datasetId: row.datasetId,
    kind: row.kind,
    target: row.target,
    options: row.options as JsonValue,
    modelFileSha256: row.modelFileSha256,
    modelFileSize: row.modelFileSize,
    metrics: row.metrics as JsonValue,
    validationReport: (row.validationReport as JsonValue | null) ?? null,
    status: row.status,
    backend: row.backend,
    machine: row.machine,
    queuedAt: row.queuedAt,
    trainingStartedAt: row.trainingStartedAt,
    trainingFinishedAt: row.trainingFinishedAt,
    trainingMs: row.trainingMs,
    masterScaleId: row.masterScaleId,
    trainedById: row.trainedById,
    trainedByApiKeyId: row.trainedByApiKeyId,
    submittedById: row.submittedById,
    submittedAt: row.submittedAt,
    validatedById: row.validatedById,
    validatedAt: row.validatedAt,
    approvedById: row.approvedById,
    approvedAt: row.approvedAt,
    approvalComment: row.approvalComment,
    rejectedById: row.rejectedById,
    rejectedAt: row.rejectedAt,
    rejectionComment: row.rejectionComment,
    promotedById: row.promotedById,
    promotedAt: row.promotedAt,
    retiredAt: row.retiredAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The stored (gzip) model file back to its JSON text, refusing one whose SHA-256 does not match. */
export function modelFileText(row: { id: string; modelFile: Uint8Array; modelFileSha256: string }): string {
  const raw = gunzipSync(row.modelFile);
  const sha = createHash('sha256').update(raw).digest('hex');
  if (sha !== row.modelFileSha256) throw new Error(`model version ${row.id}: stored model file does not match its SHA-256`);
  return raw.toString('utf8');
}

export function toMasterScale(row: Rows.MasterScale): MasterScale {
  return {
    id: row.id,
    organizationId: row.organizationId,
    version: row.version,
    grades: row.grades as unknown as MasterScaleGrade[],
    comment: row.comment,
    createdById: row.createdById,
    createdAt: row.createdAt,
  };
}
