// A batch that fails for good (its retries spent) fails the run with the reason, instead of leaving it
// RUNNING: the score-batch job as the worker runs it, against real PostgreSQL and a real model whose
// stored file is then damaged, so every attempt fails the same way.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, getScoringRun, planScoringRun, type Database } from '@probity/db';
import { createFreshDatabase, createTenantFixture, runSql, type TenantFixture } from '@probity/db/testing';
import { createJobClient, jobContract, PGBOSS_SCHEMA, sealPayload, type JobClient } from '@probity/jobs';
import PgBoss from 'pg-boss';
import { createLogger } from '@probity/logging';
import { requestScoringRun } from '@probity/scoring';
import { readEnv } from '../src/env.ts';
import { failRunsOfLostBatches } from '../src/jobs/definitions/scoring/lost-batches.ts';
import { scoreBatchJob } from '../src/jobs/definitions/scoring/score-batch.ts';
import { workerIdentity } from '../src/training/identity.ts';
import { linkScoreReadyPortfolio } from './scoring-cards.ts';

let db: Database;
let jobs: JobClient;
let t: TenantFixture;
let versionId: string;
const scope = () => ({ organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } }) as const;

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  jobs = await createJobClient({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'runfail', exposures: 6 });
  ({ versionId } = await linkScoreReadyPortfolio(db, scope(), t, 6, (i) => `${i % 3},${i * 10},1.5`));
}, 120_000);
afterAll(async () => {
  await jobs?.close();
  await db?.close();
});

/** Damages (or repairs) the version's stored checksum, past the trigger that keeps versions immutable. */
async function setSha(expression: string): Promise<void> {
  await runSql(
    inject('databaseUrl'),
    `BEGIN; ALTER TABLE model_versions DISABLE TRIGGER model_versions_immutable;
     UPDATE model_versions SET model_file_sha256 = ${expression} WHERE id = '${versionId}';
     ALTER TABLE model_versions ENABLE TRIGGER model_versions_immutable; COMMIT`,
  );
}

/** A manual run over the six exposures in batches of three, planned: batches 0 and 1 pending. */
async function plannedRun() {
  const run = (await requestScoringRun(db, scope(), { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-11-30', batchSize: 3 }))!;
  expect((await planScoringRun(db, scope(), run.id, 'test')).pending).toEqual([0, 1]);
  return run;
}

/**
 * Runs `use` with pg-boss in a database of its own (the worker processes other test files start on the
 * shared database must not take its jobs) and a job client on it; drops it all afterwards.
 */
async function withOwnQueue(
  options: Omit<PgBoss.ConstructorOptions, 'connectionString' | 'schema'>,
  use: (boss: PgBoss, queueJobs: JobClient) => Promise<void>,
): Promise<void> {
  const queueDb = await createFreshDatabase(inject('databaseUrl'), 'lostbatch', { migrate: false });
  const boss = new PgBoss({ connectionString: queueDb.url, schema: PGBOSS_SCHEMA, schedule: false, ...options });
  boss.on('error', () => {});
  await boss.start();
  const queueJobs = await createJobClient({ connectionString: queueDb.url });
  try {
    await use(boss, queueJobs);
  } finally {
    await queueJobs.close();
    await boss.stop({ graceful: false, close: true });
    await queueDb.drop();
  }
}

describe('score-batch on its last attempt', () => {
  it('marks the run FAILED with the error; earlier attempts leave it RUNNING for the retry', async () => {
    const run = await plannedRun();
    // The stored file no longer matches its SHA-256: loading the model fails on every attempt.
    const [stored] = await runSql<{ sha: string }>(
      inject('databaseUrl'),
      'SELECT model_file_sha256 AS sha FROM model_versions WHERE id = $1',
      [versionId],
    );
    await setSha(`repeat('0', 64)`);

    const env = readEnv({ DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' });
    const ctx = {
      db,
      jobs,
      env,
      log: createLogger('worker-test', 'silent'),
      runId: 'test',
      worker: workerIdentity(env),
      shutdown: new AbortController().signal,
    };
    const payload = { organizationId: t.organizationId, runId: run.id, batchNo: 0 };
    await expect(scoreBatchJob.run(payload, { ...ctx, finalAttempt: false })).rejects.toThrow(/SHA-256/);
    expect(await getScoringRun(db, scope(), run.id)).toMatchObject({ status: 'RUNNING', error: null });

    await expect(scoreBatchJob.run(payload, { ...ctx, finalAttempt: true })).rejects.toThrow(/SHA-256/);
    const failed = (await getScoringRun(db, scope(), run.id))!;
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/^batch 0 failed on its last attempt: .*SHA-256/);
    expect(failed.finishedAt).not.toBeNull();

    // The run's other batch, once the model loads again, writes nothing into the failed run.
    await setSha(`'${stored!.sha}'`);
    expect(await scoreBatchJob.run({ ...payload, batchNo: 1 }, { ...ctx, finalAttempt: false })).toMatchObject({
      skipped: true,
      scored: 0,
    });
    const [scores] = await runSql<{ n: string }>(inject('databaseUrl'), 'SELECT count(*) AS n FROM scores WHERE run_id = $1', [run.id]);
    expect(scores).toEqual({ n: '0' });
  });

  it("fails the run once a batch job's last attempt expires, which no handler sees; not before", async () => {
    const run = await plannedRun();
    // Maintenance every second, so expiry comes in seconds.
    await withOwnQueue({ maintenanceIntervalSeconds: 1 }, async (boss, queueJobs) => {
      const log = createLogger('worker-test', 'silent');
      const payload = { organizationId: t.organizationId, runId: run.id, batchNo: 0 };
      await boss.send('score-batch', sealPayload(jobContract('score-batch'), payload) as object, { retryLimit: 0, expireInSeconds: 1 });
      // A worker takes the job and dies (it never completes): while the job is active the run is left alone.
      const [taken] = await boss.fetch('score-batch');
      expect(taken).toBeDefined();
      expect(await failRunsOfLostBatches(db, queueJobs, log)).toBe(0);
      expect(await getScoringRun(db, scope(), run.id)).toMatchObject({ status: 'RUNNING', error: null });

      const deadline = Date.now() + 30_000;
      while ((await queueJobs.get('score-batch', taken!.id))?.state !== 'failed') {
        if (Date.now() > deadline) throw new Error('pg-boss did not expire the job within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(await failRunsOfLostBatches(db, queueJobs, log)).toBe(1);
      const failed = (await getScoringRun(db, scope(), run.id))!;
      expect(failed.status).toBe('FAILED');
      expect(failed.error).toBe('batch 0 failed on its last attempt: job failed by timeout in active state');
      expect(failed.finishedAt).not.toBeNull();
      // Once only: the next minute's sweep finds the run failed already and keeps its reason.
      expect(await failRunsOfLostBatches(db, queueJobs, log)).toBe(0);
    });
  });

  it('leaves the run alone while another job for the same batch is queued', async () => {
    const run = await plannedRun();
    await withOwnQueue({ supervise: false }, async (boss, queueJobs) => {
      const sealed = sealPayload(jobContract('score-batch'), { organizationId: t.organizationId, runId: run.id, batchNo: 1 }) as object;
      const first = (await boss.send('score-batch', sealed, { retryLimit: 0 }))!;
      await boss.fetch('score-batch');
      await boss.fail('score-batch', first, new Error('worker lost'));
      await boss.send('score-batch', sealed, { retryLimit: 0 }); // queued again (say, by a retried score-portfolio)
      expect(await failRunsOfLostBatches(db, queueJobs, createLogger('worker-test', 'silent'))).toBe(0);
      expect(await getScoringRun(db, scope(), run.id)).toMatchObject({ status: 'RUNNING' });
    });
  });
});
