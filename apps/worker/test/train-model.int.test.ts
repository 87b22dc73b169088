// train-model with real worker processes, real pg-boss and PostgreSQL: a version with its validation
// report; kill -9 mid-training, then exactly one version; two workers never train the same job; a
// cancel stops the job and records it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { cancelTrainingJob, createDatabase, getTrainingJob, listModelVersions, type Database, type TenantScope } from '@probity/db';
import { createTenantFixture, type TenantFixture } from '@probity/db/testing';
import { createJobClient, type JobClient } from '@probity/jobs';
import type { ServiceProcess } from '@probity/db/testing';
import { queueTraining, storeDataset, TAIWAN } from './training-fixture.ts';
import { startWorkerProcess, stopWorkerProcesses, waitFor } from './worker-process.ts';

let db: Database;
let jobs: JobClient;
let t: TenantFixture;
let scope: TenantScope;
let datasetId: string;
const workers: ServiceProcess[] = [];

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  jobs = await createJobClient({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'train', exposures: 1 });
  scope = { organizationId: t.organizationId, actor: { kind: 'user', userId: t.users.ANALYST.id } };
  datasetId = await storeDataset(db, scope, TAIWAN, 'Taiwan');
}, 120_000);
afterAll(async () => {
  await stopWorkerProcesses(workers);
  await jobs?.close();
  await db?.close();
});

const job = (id: string) => getTrainingJob(db, scope, id);
const LOGISTIC = { kind: 'logistic', target: 'DEFAULT_NEXT_MONTH', options: { idColumn: 'ID', split: 'mod5' } };

async function versionsOfJob(trainingJobId: string): Promise<number> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    return Number(
      (await client.query<{ n: string }>('SELECT count(*) AS n FROM model_versions WHERE training_job_id = $1', [trainingJobId])).rows[0]!
        .n,
    );
  } finally {
    await client.end();
  }
}

describe('train-model on worker processes', () => {
  it('survives kill -9 mid-training: the job is retried on another worker and leaves exactly one version', async () => {
    const first = await startWorkerProcess(inject('databaseUrl'));
    workers.push(first);
    const id = await queueTraining(db, jobs, scope, { modelName: 'Killed', datasetId, ...LOGISTIC });
    await waitFor(
      async () => {
        const row = await job(id);
        return row.status === 'RUNNING' && row.progress && row.progress.stage !== 'starting' ? row : null;
      },
      120_000,
      'training to start',
    );
    first.kill('SIGKILL');
    await first.exited;
    const second = await startWorkerProcess(inject('databaseUrl'));
    workers.push(second);
    const done = await waitFor(
      async () => {
        const row = await job(id);
        return row.status === 'SUCCEEDED' ? row : null;
      },
      240_000,
      'the retried job to finish',
    );
    expect(done.attempts).toBe(2);
    expect(await versionsOfJob(id)).toBe(1);
    const [version] = await listModelVersions(db, scope, done.modelId);
    expect(version).toMatchObject({ version: 1, status: 'DRAFT', kind: 'logistic', trainedById: t.users.ANALYST.id, trainingJobId: id });
    const metrics = version!.metrics as Record<string, number>;
    expect(metrics.testAuc).toBeGreaterThan(0.7);
    const report = version!.validationReport as {
      calibration: { byGrade: unknown[] };
      charts: { roc: unknown[] };
      stability: { psi: number };
    };
    expect(report.calibration.byGrade.length).toBeGreaterThan(2);
    expect(report.charts.roc.length).toBeGreaterThan(10);
    expect(report.stability.psi).toBeLessThan(0.1);
  }, 420_000);

  it('two workers never train the same job, even when it is queued twice', async () => {
    // The second worker of the test before is still running; one more makes two competing for the job.
    workers.push(await startWorkerProcess(inject('databaseUrl')));
    const id = await queueTraining(db, jobs, scope, { modelName: 'Twice', datasetId, ...LOGISTIC });
    // The same training job delivered a second time (a duplicate send): the claim refuses it while the first runs.
    await jobs.enqueue('train-model', { trainingJobId: id, organizationId: t.organizationId, kind: 'logistic' });
    const done = await waitFor(
      async () => {
        const row = await job(id);
        return row.status === 'SUCCEEDED' ? row : null;
      },
      240_000,
      'the job to finish',
    );
    expect(done.attempts).toBe(1);
    expect(await versionsOfJob(id)).toBe(1);
  }, 300_000);

  it('cancel stops a running job and records it; no version is made', async () => {
    if (workers.length === 0) workers.push(await startWorkerProcess(inject('databaseUrl')));
    const id = await queueTraining(db, jobs, scope, {
      modelName: 'Cancelled',
      datasetId,
      kind: 'gbdt',
      target: 'DEFAULT_NEXT_MONTH',
      options: { idColumn: 'ID', trees: 3000, learningRate: 0.005 },
    });
    await waitFor(
      async () => {
        const row = await job(id);
        if (row.status === 'FAILED' || row.status === 'SUCCEEDED')
          throw new Error(`job ended before the cancel: ${row.status} ${row.error}`);
        return row.status === 'RUNNING' && row.progress && /train|fit|tree/i.test(row.progress.stage) ? row : null;
      },
      180_000,
      'training to start',
    ).catch(async (error: unknown) => {
      console.log(JSON.stringify(await job(id)), workers.map((w) => w.output().slice(-3000)).join('\n----\n'));
      throw error;
    });
    await cancelTrainingJob(db, scope, id);
    const cancelled = await waitFor(
      async () => {
        const row = await job(id);
        return row.status === 'CANCELLED' ? row : null;
      },
      60_000,
      'the job to stop',
    );
    expect(cancelled.cancelRequestedAt).not.toBeNull();
    expect(await versionsOfJob(id)).toBe(0);
  }, 300_000);
});
