// GPU hand-off with real worker processes, pg-boss and PostgreSQL (a database of its own, so no other
// test's worker takes these jobs). A worker asked for a GPU backend proves it loads at start; one that
// cannot says why, announces itself as a CPU worker and trains on what does load. CPU workers leave
// deep and fusion jobs to a GPU worker whose heartbeat is fresh, take every other kind at once, and take
// deep jobs too as soon as no GPU worker's heartbeat is fresh, so nothing waits forever. On a machine
// with a GPU (WebGPU through Dawn), the last test checks the GPU worker itself.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { announceWorker, createDatabase, getTrainingJob, listModelVersions, type Database, type TenantScope } from '@probity/db';
import { createFreshDatabase, createTenantFixture, runSql, type FreshDatabase, type ServiceProcess } from '@probity/db/testing';
import { createJobClient, type JobClient } from '@probity/jobs';
import { probeBackend } from '@probity/ml';
import { queueTraining, storeDataset, TAIWAN } from './training-fixture.ts';
import { startWorkerProcess, stopWorkerProcesses, waitFor } from './worker-process.ts';

const gpu = await probeBackend('webgpu');
let database: FreshDatabase;
let db: Database;
let jobs: JobClient;
let scope: TenantScope;
let datasetId: string;
const workers: ServiceProcess[] = [];

beforeAll(async () => {
  database = await createFreshDatabase(inject('databaseServerUrl'), 'gpu_routing');
  db = createDatabase({ connectionString: database.url });
  jobs = await createJobClient({ connectionString: database.url });
  const t = await createTenantFixture(database.url, { label: 'gpu', exposures: 1 });
  scope = { organizationId: t.organizationId, actor: { kind: 'user', userId: t.users.ANALYST.id } };
  // 3,000 rows keep a one-epoch deep model to seconds.
  const subset = path.join(mkdtempSync(path.join(tmpdir(), 'probity-gpu-')), 'taiwan-3000.csv');
  writeFileSync(subset, `${readFileSync(TAIWAN, 'utf8').split('\n').slice(0, 3001).join('\n')}\n`);
  datasetId = await storeDataset(db, scope, subset, 'Taiwan 3,000');
}, 120_000);
afterAll(async () => {
  await stopWorkerProcesses(workers);
  await jobs?.close();
  await db?.close();
  await database?.drop();
});

const DEEP = { kind: 'deep', target: 'DEFAULT_NEXT_MONTH', options: { idColumn: 'ID', epochs: 1 } };
const LOGISTIC = { kind: 'logistic', target: 'DEFAULT_NEXT_MONTH', options: { idColumn: 'ID' } };

async function succeeded(id: string, timeoutMs = 180_000) {
  return waitFor(
    async () => {
      const row = await getTrainingJob(db, scope, id);
      if (row.status === 'FAILED' || row.status === 'CANCELLED') throw new Error(`job ${row.status}: ${row.error}`);
      return row.status === 'SUCCEEDED' ? row : null;
    },
    timeoutMs,
    `training job ${id} to succeed`,
  ).catch((error: unknown) => {
    console.log(workers.map((w) => w.output().slice(-3000)).join('\n----\n'));
    throw error;
  });
}

async function versionOf(job: { modelId: string; versionId: string | null }) {
  return (await listModelVersions(db, scope, job.modelId)).find((v) => v.id === job.versionId)!;
}

async function announcements() {
  return runSql<{ id: string; backend: string; gpu: boolean }>(database.url, 'SELECT id, backend, gpu FROM ml_workers ORDER BY id');
}

describe('GPU hand-off', () => {
  it.skipIf(gpu.ok)(
    'a worker asked for webgpu where it cannot load says why, announces itself as a CPU worker, and trains deep jobs while no GPU worker is alive',
    async () => {
      const worker = await startWorkerProcess(database.url, { PROBITY_ML_BACKEND: 'webgpu' });
      workers.push(worker);
      expect(worker.output()).toMatch(/PROBITY_ML_BACKEND=webgpu cannot load here/);
      expect(worker.output()).toMatch(/no GPU adapter|webgpu package/);
      const rows = await waitFor(async () => ((await announcements()).length === 1 ? announcements() : null), 30_000, 'the announcement');
      expect(rows[0]).toMatchObject({ backend: 'auto', gpu: false });

      const id = await queueTraining(db, jobs, scope, { modelName: 'Deep without a GPU', datasetId, ...DEEP });
      const done = await succeeded(id);
      const version = await versionOf(done);
      expect(version.kind).toBe('deep');
      expect(['wasm', 'cpu']).toContain(version.backend);
      expect(version.machine).toBe(hostname());
    },
    300_000,
  );

  it('CPU workers leave deep jobs to a GPU worker with a fresh heartbeat, take other kinds at once, and take deep ones once it goes stale', async () => {
    if (workers.length === 0) workers.push(await startWorkerProcess(database.url));
    // A GPU worker on another machine, announced the way every worker announces itself.
    await announceWorker(db, { id: 'gpu-box:4242', machine: 'gpu-box', backend: 'webgpu', gpu: true });
    const deep = await queueTraining(db, jobs, scope, { modelName: 'Deep for the GPU', datasetId, ...DEEP });
    const logistic = await queueTraining(db, jobs, scope, { modelName: 'Logistic for anyone', datasetId, ...LOGISTIC });
    await succeeded(logistic);
    // The CPU worker takes the deep job and hands it back (a new queue job, 5 s later, each time): wait for
    // two hand-backs, so the job below is still queued because it was left, not because it was never seen.
    await waitFor(
      async () => {
        const rows = await runSql<{ n: number }>(
          database.url,
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'train-model' AND data->'payload'->>'trainingJobId' = $1`,
          [deep],
        );
        return rows[0]!.n >= 3;
      },
      60_000,
      'two hand-backs of the deep job',
    );
    const waiting = await getTrainingJob(db, scope, deep);
    expect(waiting).toMatchObject({ status: 'QUEUED', attempts: 0, startedAt: null });

    // The GPU worker stops beating (its last announcement is a minute old): the CPU worker takes the job.
    await runSql(database.url, `UPDATE ml_workers SET last_seen_at = now() - interval '1 minute' WHERE id = 'gpu-box:4242'`);
    const done = await succeeded(deep);
    const version = await versionOf(done);
    expect(version.backend).not.toBe('webgpu');
    expect(version.machine).toBe(hostname());
    await runSql(database.url, `DELETE FROM ml_workers WHERE id = 'gpu-box:4242'`);
  }, 300_000);

  it.runIf(gpu.ok)(
    'on a machine with a GPU: a webgpu worker announces itself as a GPU worker and trains deep jobs on it',
    async () => {
      for (const worker of workers.splice(0)) {
        worker.kill('SIGTERM');
        await worker.exited;
      }
      workers.push(await startWorkerProcess(database.url, { PROBITY_ML_BACKEND: 'webgpu' }));
      expect((await announcements()).filter((row) => row.gpu)).toHaveLength(1);
      const id = await queueTraining(db, jobs, scope, { modelName: 'Deep on the GPU', datasetId, ...DEEP });
      expect((await versionOf(await succeeded(id))).backend).toBe('webgpu');
    },
    300_000,
  );
});
