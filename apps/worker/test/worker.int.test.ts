// The real worker on real pg-boss: the schedule is registered with the configured cron, a queued job
// writes snapshots, a second run of the same day replaces rather than duplicates, shutdown is clean.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { listSnapshots } from '@probity/db';
import { createTenantFixture, type TenantFixture } from '@probity/db/testing';
import { readEnv } from '../src/env.ts';
import { startWorker, type RunningWorker } from '../src/app.ts';
import { SNAPSHOT_QUEUE } from '../src/jobs/snapshot-portfolios.ts';

let worker: RunningWorker;
let t: TenantFixture;

beforeAll(async () => {
  t = await createTenantFixture(inject('databaseUrl'), { label: 'worker', exposures: 9 });
  worker = await startWorker(
    readEnv({
      DATABASE_URL: inject('databaseUrl'),
      WORKER_PORT: '0',
      PROBITY_SNAPSHOT_CRON: '30 3 * * *',
      PROBITY_SNAPSHOT_TZ: 'Europe/Berlin',
      LOG_LEVEL: 'silent',
    }),
  );
});
afterAll(async () => worker?.close());

async function snapshotsFor(day: string) {
  const date = new Date(`${day}T00:00:00Z`);
  return listSnapshots(worker.db, { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } }, t.portfolioId, {
    from: date,
    to: date,
  });
}

async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('worker', () => {
  it('registers the snapshot schedule with the configured cron and time zone', async () => {
    const schedules = await worker.boss.getSchedules();
    expect(schedules).toMatchObject([{ name: SNAPSHOT_QUEUE, cron: '30 3 * * *', options: { tz: 'Europe/Berlin' } }]);
  });

  it('reports readiness', async () => {
    const response = await fetch(`${worker.healthUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });
  });

  it('runs queued snapshot jobs, idempotently per portfolio and day', async () => {
    const jobId = await worker.boss.send(SNAPSHOT_QUEUE, { asOf: '2026-02-03T10:00:00Z' });
    expect(jobId).toBeTruthy();
    const [first] = await waitFor(async () => {
      const rows = await snapshotsFor('2026-02-03');
      return rows.length ? rows : null;
    });
    expect(first!.exposureCount).toBe(9);
    await waitFor(async () => (await worker.boss.getJobById(SNAPSHOT_QUEUE, jobId!))?.state === 'completed');

    const again = await worker.boss.send(SNAPSHOT_QUEUE, { asOf: '2026-02-03T23:00:00Z' });
    await waitFor(async () => (await worker.boss.getJobById(SNAPSHOT_QUEUE, again!))?.state === 'completed');
    const rows = await snapshotsFor('2026-02-03');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(first!.createdAt.getTime());
  });

  it('fails a job with a bad date (and pg-boss records the failure) without writing anything', async () => {
    const jobId = await worker.boss.send(SNAPSHOT_QUEUE, { asOf: 'not a date' }, { retryLimit: 0 });
    const job = await waitFor(async () => {
      const j = await worker.boss.getJobById(SNAPSHOT_QUEUE, jobId!);
      return j?.state === 'failed' ? j : null;
    });
    expect(JSON.stringify(job.output)).toMatch(/asOf is not a date/);
  });
});
