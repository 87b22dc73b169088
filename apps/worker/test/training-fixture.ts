// Test helpers for training: a dataset stored the way the API stores an upload (streamed through
// packages/ml's validator into the store), and a training request the way the trainModel mutation
// makes one (worker-process.ts starts real workers to run it).
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import {
  beginDatasetUpload,
  createModel,
  requestTraining,
  setTrainingQueueJob,
  type Database,
  type JsonValue,
  type TenantScope,
} from '@probity/db';
import type { JobClient } from '@probity/jobs';
import { validateUpload } from '@probity/ml';

export const TAIWAN = fileURLToPath(new URL('../../../data/taiwan-credit-default.csv', import.meta.url));

export async function storeDataset(db: Database, scope: TenantScope, file: string, name: string): Promise<string> {
  const upload = await beginDatasetUpload(db, scope, { name });
  const toValidator = new PassThrough();
  const validation = validateUpload(toValidator);
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    await upload.write(chunk);
    toValidator.write(chunk);
  }
  toValidator.end();
  const result = await validation;
  if (!result.report.ok) throw new Error(`test dataset ${file} is invalid`);
  const { dataset } = await upload.commit({
    sha256: result.sha256,
    rowCount: result.rows,
    columns: result.columns,
    targetColumn: result.target,
    defaultCount: result.defaults,
    defaultRate: result.defaultRate,
    validationReport: { ok: true },
  });
  return dataset.id;
}

export async function queueTraining(
  db: Database,
  jobs: JobClient,
  scope: TenantScope,
  input: { modelName: string; datasetId: string; kind: string; target: string; options?: JsonValue },
): Promise<string> {
  const model = await createModel(db, scope, { name: input.modelName });
  const job = await requestTraining(db, scope, {
    modelId: model.id,
    datasetId: input.datasetId,
    kind: input.kind,
    target: input.target,
    options: input.options ?? {},
  });
  const queueJobId = await jobs.enqueue('train-model', { trainingJobId: job.id, organizationId: scope.organizationId, kind: input.kind });
  if (queueJobId) await setTrainingQueueJob(db, scope, job.id, queueJobId);
  return job.id;
}
