// PostgreSQL stopped and started again while a job runs, on a private PostgreSQL this test starts
// (never the shared server). The snapshot job is caught mid-write (a lock holds its INSERT), the
// database goes away, comes back: the job is run again and completes once, its day's snapshot is
// written exactly once, and the worker's /readyz said "not ready" meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  createFreshDatabase,
  createTenantFixture,
  startRestartableServer,
  type RestartableServer,
  type TenantFixture,
} from '@probity/db/testing';
import { createJobClient, type JobClient } from '@probity/jobs';
import { readEnv } from '../src/env.ts';
import { startWorker, type RunningWorker } from '../src/app.ts';

async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('PostgreSQL outage while a job runs', () => {
  let server: RestartableServer;
  let databaseUrl: string;
  let worker: RunningWorker;
  let client: JobClient;
  let tenant: TenantFixture;

  beforeAll(async () => {
    server = await startRestartableServer('worker-outage');
    databaseUrl = (await createFreshDatabase(server.url, 'worker_outage')).url;
    tenant = await createTenantFixture(databaseUrl, { label: 'worker-outage', exposures: 7 });
    worker = await startWorker(readEnv({ DATABASE_URL: databaseUrl, WORKER_PORT: '0', LOG_LEVEL: 'silent' }));
    client = await createJobClient({ connectionString: databaseUrl });
  }, 180_000);

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    await worker?.close().catch(() => undefined);
    await server?.remove();
  }, 90_000);

  it('retries the job cut off by the outage: completed once, its snapshot written once', async () => {
    // Hold the job at its INSERT: a lock from another connection, which the outage will cut too.
    const blocker = new pg.Client({ connectionString: databaseUrl });
    blocker.on('error', () => undefined);
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE portfolio_snapshots IN SHARE ROW EXCLUSIVE MODE');

    const id = (await client.enqueue('snapshot-portfolios', { asOf: '2026-04-01', organizationId: tenant.organizationId }))!;
    await waitFor(async () => (await client.get('snapshot-portfolios', id))?.state === 'active', 20_000, 'the job to start');
    // Wait until the job's INSERT is really blocked on the lock (it is mid-transaction).
    await waitFor(
      async () =>
        (
          await blocker.query<{ waiting: number }>(
            `SELECT count(*)::int AS waiting FROM pg_locks WHERE relation = 'portfolio_snapshots'::regclass AND NOT granted`,
          )
        ).rows[0]!.waiting > 0,
      20_000,
      'the job to wait on the lock',
    );

    await server.stop();
    const readiness = await fetch(`${worker.healthUrl}/readyz`);
    expect(readiness.status).toBe(503);
    await new Promise((r) => setTimeout(r, 2_000));
    await server.start();
    const upAt = Date.now();

    const done = await waitFor(
      async () => {
        const job = await client.get('snapshot-portfolios', id);
        return job && ['completed', 'failed'].includes(job.state) ? job : null;
      },
      60_000,
      'the job to finish after the outage',
    );
    expect(done.state).toBe('completed');
    expect(done.output).toEqual(expect.objectContaining({ asOf: '2026-04-01', portfolios: 1 }));
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const { rows } = await check.query<{ count: number; exposure_count: number }>(
      `SELECT count(*)::int AS count, max(exposure_count)::int AS exposure_count FROM portfolio_snapshots WHERE portfolio_id = $1 AND as_of = '2026-04-01'`,
      [tenant.portfolioId],
    );
    await check.end();
    expect(rows[0]).toEqual({ count: 1, exposure_count: 7 });
    // Exactly one job, run to completion once (no second copy queued behind it).
    expect(await worker.boss.getQueueSize('snapshot-portfolios')).toBe(0);
    console.log(JSON.stringify({ completedAfterRestartMs: Date.now() - upAt }));
    expect((await fetch(`${worker.healthUrl}/readyz`)).status).toBe(200);
  }, 120_000);
});
