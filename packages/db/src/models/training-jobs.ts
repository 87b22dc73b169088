// Training jobs: the request (API), the claim, progress and result (worker). The version a job makes
// references it through a unique column, so a job retried after a crash finds its version instead of
// making a second one; a claim only takes a job that is queued or whose worker stopped beating.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Database } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { prismaOf } from '../client.ts';
import type { ModelVersion, TrainingJob, TrainingProgress } from '../domain/models.ts';
import type { JsonValue } from '../domain/values.ts';
import { toModelVersion, toTrainingJob, VERSION_FIELDS } from '../domain/model-rows.ts';
import { recordAudit } from '../repositories/audit.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { actingPerson } from './identity.ts';

/** A running job whose worker has not written for this long is taken as abandoned (its worker died), by default. */
export const TRAINING_HEARTBEAT_TIMEOUT_MS = 60_000;

export interface RequestTrainingInput {
  modelId: string;
  datasetId: string;
  kind: string;
  target: string;
  options: JsonValue;
}

const WITH_VERSION = { version: { select: { id: true } } } as const;

export async function requestTraining(db: Database, scope: TenantScope, input: RequestTrainingInput): Promise<TrainingJob> {
  if (!isUuid(input.modelId)) throw new InputError('modelId', 'is not a model id');
  if (!isUuid(input.datasetId)) throw new InputError('datasetId', 'is not a dataset id');
  return withTenant(db, scope, async (tx) => {
    const model = await tx.model.findFirst({ where: { id: input.modelId, organizationId: scope.organizationId }, select: { id: true } });
    if (!model) throw new InputError('modelId', 'no such model');
    const dataset = await tx.dataset.findFirst({
      where: { id: input.datasetId, organizationId: scope.organizationId, sha256: { not: null } },
      select: { columns: true },
    });
    if (!dataset) throw new InputError('datasetId', 'no such dataset');
    const names = (dataset.columns as { name: string }[]).map((c) => c.name);
    if (!names.includes(input.target))
      throw new InputError('target', `"${input.target}" is not a column of the dataset (columns: ${names.join(', ')})`);
    const person = await actingPerson(tx, scope);
    const row = await tx.trainingJob.create({
      data: {
        organizationId: scope.organizationId,
        modelId: input.modelId,
        datasetId: input.datasetId,
        kind: input.kind,
        target: input.target,
        options: input.options as object,
        requestedById: person.userId,
        requestedByApiKeyId: person.apiKeyId,
      },
      include: WITH_VERSION,
    });
    const job = toTrainingJob(row);
    await recordAudit(tx, scope, { action: 'model.train', entityType: 'TrainingJob', entityId: job.id, after: job });
    return job;
  });
}

export async function setTrainingQueueJob(db: Database, scope: TenantScope, id: string, queueJobId: string): Promise<void> {
  await withTenant(db, scope, (tx) =>
    tx.trainingJob.updateMany({ where: { id, organizationId: scope.organizationId }, data: { queueJobId } }),
  );
}

export async function getTrainingJob(db: Database, scope: TenantScope, id: string): Promise<TrainingJob> {
  if (!isUuid(id)) throw new NotFoundError('TrainingJob');
  const row = await withTenant(db, scope, (tx) =>
    tx.trainingJob.findFirst({ where: { id, organizationId: scope.organizationId }, include: WITH_VERSION }),
  );
  if (!row) throw new NotFoundError('TrainingJob');
  return toTrainingJob(row);
}

/** Newest first, optionally one model's. */
export async function listTrainingJobs(
  db: Database,
  scope: TenantScope,
  filter: { modelId?: string | null; limit?: number } = {},
): Promise<TrainingJob[]> {
  if (filter.modelId && !isUuid(filter.modelId)) return [];
  const rows = await withTenant(db, scope, (tx) =>
    tx.trainingJob.findMany({
      where: { organizationId: scope.organizationId, ...(filter.modelId ? { modelId: filter.modelId } : {}) },
      orderBy: { id: 'desc' },
      take: Math.min(filter.limit ?? 50, 200),
      include: WITH_VERSION,
    }),
  );
  return rows.map(toTrainingJob);
}

/** Asks a job to stop: a queued one is cancelled at once, a running one at its worker's next step. */
export async function cancelTrainingJob(db: Database, scope: TenantScope, id: string): Promise<TrainingJob> {
  if (!isUuid(id)) throw new NotFoundError('TrainingJob');
  return withTenant(db, scope, async (tx) => {
    const before = await tx.trainingJob.findFirst({ where: { id, organizationId: scope.organizationId }, include: WITH_VERSION });
    if (!before) throw new NotFoundError('TrainingJob');
    if (before.status !== 'QUEUED' && before.status !== 'RUNNING')
      throw new ConflictError('status', `the job is ${before.status} already: only a queued or running job can be cancelled`);
    const now = new Date();
    const row = await tx.trainingJob.update({
      where: { id },
      data: before.status === 'QUEUED' ? { status: 'CANCELLED', cancelRequestedAt: now, finishedAt: now } : { cancelRequestedAt: now },
      include: WITH_VERSION,
    });
    await recordAudit(tx, scope, {
      action: 'trainingJob.cancel',
      entityType: 'TrainingJob',
      entityId: id,
      before: { status: before.status },
      after: { status: row.status },
    });
    return toTrainingJob(row);
  });
}

export type ClaimResult =
  | { kind: 'claimed'; job: TrainingJob; masterScaleId: string | null }
  | { kind: 'done'; job: TrainingJob }
  | { kind: 'busy'; job: TrainingJob }
  | { kind: 'cancelled'; job: TrainingJob };

/**
 * The worker takes a job: only when queued, or running with a dead worker (no heartbeat), or when its
 * previous attempt failed and pg-boss retries it. A job whose version exists is done (a retry after a
 * crash between the version and the job's status), and is marked so.
 */
export async function claimTrainingJob(
  db: Database,
  scope: TenantScope,
  id: string,
  worker: { machine: string; backend: string },
  staleMs = TRAINING_HEARTBEAT_TIMEOUT_MS,
): Promise<ClaimResult> {
  return withTenant(db, scope, async (tx) => {
    await tx.$queryRaw`SELECT id FROM training_jobs WHERE id = ${id}::uuid FOR UPDATE`;
    const row = await tx.trainingJob.findFirst({ where: { id, organizationId: scope.organizationId }, include: WITH_VERSION });
    if (!row) throw new NotFoundError('TrainingJob');
    if (row.version) {
      const done = await tx.trainingJob.update({
        where: { id },
        data: { status: 'SUCCEEDED', finishedAt: row.finishedAt ?? new Date() },
        include: WITH_VERSION,
      });
      return { kind: 'done', job: toTrainingJob(done) };
    }
    if (row.status === 'CANCELLED' || row.cancelRequestedAt) {
      const cancelled = await tx.trainingJob.update({
        where: { id },
        data: { status: 'CANCELLED', finishedAt: row.finishedAt ?? new Date() },
        include: WITH_VERSION,
      });
      return { kind: 'cancelled', job: toTrainingJob(cancelled) };
    }
    if (row.status === 'SUCCEEDED') return { kind: 'done', job: toTrainingJob(row) };
    const alive = row.status === 'RUNNING' && Date.now() - row.updatedAt.getTime() < staleMs;
    if (alive) return { kind: 'busy', job: toTrainingJob(row) };
    const claimed = await tx.trainingJob.update({
      where: { id },
      data: {
        status: 'RUNNING',
        attempts: { increment: 1 },
        startedAt: new Date(),
        machine: worker.machine,
        backend: worker.backend,
        error: null,
        progress: { stage: 'starting', elapsedSeconds: 0 },
      },
      include: WITH_VERSION,
    });
    const scale = await tx.masterScale.findFirst({
      where: { organizationId: scope.organizationId },
      orderBy: { version: 'desc' },
      select: { id: true },
    });
    return { kind: 'claimed', job: toTrainingJob(claimed), masterScaleId: scale?.id ?? null };
  });
}

/** Stores progress (also the heartbeat); returns whether someone asked the job to stop. */
export async function reportTrainingProgress(
  db: Database,
  scope: TenantScope,
  id: string,
  progress: TrainingProgress,
  backend?: string,
): Promise<{ cancelRequested: boolean }> {
  return withTenant(db, scope, async (tx) => {
    const row = await tx.trainingJob.update({
      where: { id },
      data: { progress: progress as unknown as Prisma.InputJsonObject, ...(backend ? { backend } : {}) },
      select: { cancelRequestedAt: true },
    });
    return { cancelRequested: row.cancelRequestedAt !== null };
  });
}

export async function finishTrainingJob(
  db: Database,
  scope: TenantScope,
  id: string,
  outcome: { status: 'FAILED' | 'CANCELLED' | 'QUEUED'; error?: string | null },
): Promise<TrainingJob> {
  return withTenant(db, scope, async (tx) => {
    const row = await tx.trainingJob.update({
      where: { id },
      data: { status: outcome.status, error: outcome.error ?? null, finishedAt: outcome.status === 'QUEUED' ? null : new Date() },
      include: WITH_VERSION,
    });
    if (outcome.status !== 'QUEUED') {
      await recordAudit(tx, scope, {
        action: `trainingJob.${outcome.status.toLowerCase()}`,
        entityType: 'TrainingJob',
        entityId: id,
        after: { status: outcome.status, error: outcome.error ?? null },
      });
    }
    return toTrainingJob(row);
  });
}

export interface TrainedVersion {
  /** packages/ml's model file as JSON text. */
  modelFileJson: string;
  metrics: JsonValue;
  validationReport: JsonValue;
  backend: string;
  machine: string;
  trainingStartedAt: Date;
  trainingFinishedAt: Date;
  masterScaleId: string | null;
}

/** Stores the version a job trained and marks the job done, once: a second call returns the first version. */
export async function completeTrainingJob(
  db: Database,
  scope: TenantScope,
  id: string,
  trained: TrainedVersion,
): Promise<{ version: ModelVersion; created: boolean }> {
  const raw = Buffer.from(trained.modelFileJson, 'utf8');
  const sha = createHash('sha256').update(raw).digest('hex');
  const packed = gzipSync(raw);
  return withTenant(db, scope, async (tx) => {
    await tx.$queryRaw`SELECT id FROM training_jobs WHERE id = ${id}::uuid FOR UPDATE`;
    const job = await tx.trainingJob.findFirst({ where: { id, organizationId: scope.organizationId }, include: WITH_VERSION });
    if (!job) throw new NotFoundError('TrainingJob');
    if (job.version) {
      const existing = await tx.modelVersion.findFirstOrThrow({ where: { id: job.version.id }, select: VERSION_FIELDS });
      return { version: toModelVersion(existing), created: false };
    }
    await tx.$queryRaw`SELECT id FROM models WHERE id = ${job.modelId}::uuid FOR UPDATE`;
    const last = await tx.modelVersion.findFirst({
      where: { modelId: job.modelId },
      orderBy: { version: 'desc' },
      select: { version: true },
    });
    const row = await tx.modelVersion.create({
      data: {
        organizationId: scope.organizationId,
        modelId: job.modelId,
        version: (last?.version ?? 0) + 1,
        trainingJobId: id,
        datasetId: job.datasetId,
        kind: job.kind,
        target: job.target,
        options: job.options as object,
        modelFile: packed,
        modelFileSha256: sha,
        modelFileSize: raw.length,
        metrics: trained.metrics as object,
        validationReport: trained.validationReport as object,
        backend: trained.backend,
        machine: trained.machine,
        queuedAt: job.createdAt,
        trainingStartedAt: trained.trainingStartedAt,
        trainingFinishedAt: trained.trainingFinishedAt,
        trainingMs: trained.trainingFinishedAt.getTime() - trained.trainingStartedAt.getTime(),
        masterScaleId: trained.masterScaleId,
        trainedById: job.requestedById,
        trainedByApiKeyId: job.requestedByApiKeyId,
      },
      select: VERSION_FIELDS,
    });
    await tx.trainingJob.update({
      where: { id },
      data: { status: 'SUCCEEDED', finishedAt: trained.trainingFinishedAt, backend: trained.backend, machine: trained.machine },
    });
    const version = toModelVersion(row);
    await recordAudit(tx, scope, {
      action: 'modelVersion.create',
      entityType: 'ModelVersion',
      entityId: version.id,
      after: { modelId: version.modelId, version: version.version, kind: version.kind, trainingJobId: id, metrics: version.metrics },
    });
    return { version, created: true };
  });
}

/** Running jobs whose worker stopped beating, across organizations (system), for the worker's reaper. */
export async function abandonedTrainingJobs(
  db: Database,
  staleMs = TRAINING_HEARTBEAT_TIMEOUT_MS,
): Promise<{ id: string; organizationId: string; queueJobId: string | null }[]> {
  const cutoff = new Date(Date.now() - staleMs);
  return prismaOf(db).trainingJob.findMany({
    where: { status: 'RUNNING', updatedAt: { lt: cutoff } },
    select: { id: true, organizationId: true, queueJobId: true },
  });
}
