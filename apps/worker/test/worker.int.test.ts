// The real worker on real pg-boss: every registered job gets its queue (contract settings) and, when
// it has one, its schedule; jobs enqueued through the typed client run; a payload that breaks its
// contract fails with the field named and writes nothing; shutdown is clean.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { listAuditLog, listSnapshots } from '@probity/db';
import { createJobClient, JOBS, sealPayload, jobContract, type JobClient } from '@probity/jobs';
import { createTenantFixture, runSql, type TenantFixture } from '@probity/db/testing';
import { readEnv } from '../src/env.ts';
import { startWorker, type RunningWorker } from '../src/app.ts';
import { WORKER_JOBS } from '../src/jobs/registry.ts';

let worker: RunningWorker;
let client: JobClient;
let t: TenantFixture;
let other: TenantFixture;

beforeAll(async () => {
  [t, other] = await Promise.all([
    createTenantFixture(inject('databaseUrl'), { label: 'worker', exposures: 9 }),
    createTenantFixture(inject('databaseUrl'), { label: 'worker-other', exposures: 2 }),
  ]);
  worker = await startWorker(
    readEnv({
      DATABASE_URL: inject('databaseUrl'),
      WORKER_PORT: '0',
      PROBITY_SNAPSHOT_CRON: '30 3 * * *',
      PROBITY_SNAPSHOT_TZ: 'Europe/Berlin',
      LOG_LEVEL: 'silent',
    }),
  );
  // A separate client, as the API would have: its own send-only pg-boss.
  client = await createJobClient({ connectionString: inject('databaseUrl') });
});
afterAll(async () => {
  await client?.close();
  await worker?.close();
});

async function snapshotsFor(tenant: TenantFixture, day: string) {
  const date = new Date(`${day}T00:00:00Z`);
  const scope = { organizationId: tenant.organizationId, actor: { kind: 'system' as const, name: 'test' } };
  return (await listSnapshots(worker.db, scope, tenant.portfolioId, { from: date, to: date })).nodes;
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

const finished = (id: string) =>
  waitFor(async () => {
    const job = await client.get('snapshot-portfolios', id);
    return job && (job.state === 'completed' || job.state === 'failed') ? job : null;
  });

describe('worker', () => {
  it('has a handler for every job contract, and a queue with the contract settings for each', async () => {
    expect(WORKER_JOBS.map((job) => job.contract.id).sort()).toEqual(JOBS.map((job) => job.id).sort());
    for (const contract of JOBS) {
      expect(await worker.boss.getQueue(contract.id)).toEqual(expect.objectContaining({ name: contract.id, ...contract.queue }));
    }
  });

  it('registers the snapshot schedule with the configured cron, time zone and a sealed payload, and the scoring tick', async () => {
    const schedules = (await worker.boss.getSchedules()).sort((a, b) => a.name.localeCompare(b.name));
    expect(schedules).toMatchObject([
      { name: 'purge-sign-in-records', cron: '17 4 * * *', options: { tz: 'UTC' } },
      { name: 'schedule-scoring', cron: '* * * * *' },
      { name: 'snapshot-portfolios', cron: '30 3 * * *', options: { tz: 'Europe/Berlin' } },
    ]);
    expect(schedules[2]?.data).toEqual({ version: 1, payload: {} });
  });

  it('purges sign-in attempts older than the retention when the nightly job runs', async () => {
    const email = `worker-purge-${Date.now()}@example.com`;
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await runSql(
      inject('databaseUrl'),
      `INSERT INTO login_attempts (id, email, ip, success, created_at)
       VALUES (gen_random_uuid(), $1, '10.2.2.2', false, $2), (gen_random_uuid(), $1, '10.2.2.2', false, now())`,
      [email, old],
    );
    const id = await client.enqueue('purge-sign-in-records', {});
    const done = await waitFor(async () => {
      const job = await client.get('purge-sign-in-records', id!);
      return job && (job.state === 'completed' || job.state === 'failed') ? job : null;
    });
    expect(done.state).toBe('completed');
    expect((done.output as { loginAttempts: number }).loginAttempts).toBeGreaterThanOrEqual(1);
    const [left] = await runSql<{ n: string }>(inject('databaseUrl'), 'SELECT count(*) AS n FROM login_attempts WHERE email = $1', [email]);
    expect(Number(left!.n)).toBe(1);
  });

  it('reports readiness', async () => {
    const response = await fetch(`${worker.healthUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });
  });

  it('runs snapshot jobs enqueued through the typed client, idempotently per portfolio and day', async () => {
    const id = await client.enqueue('snapshot-portfolios', { asOf: '2026-02-03T10:00:00Z' });
    const done = await finished(id!);
    expect(done.state).toBe('completed');
    expect(done.output).toEqual(expect.objectContaining({ asOf: '2026-02-03' }));
    const [first] = await snapshotsFor(t, '2026-02-03');
    expect(first!.exposureCount).toBe(9);

    const again = await client.enqueue('snapshot-portfolios', { asOf: '2026-02-03T23:00:00Z' });
    expect((await finished(again!)).state).toBe('completed');
    const rows = await snapshotsFor(t, '2026-02-03');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(first!.createdAt.getTime());
  });

  it('limits a job to one organization when the payload names it', async () => {
    const id = await client.enqueue('snapshot-portfolios', { asOf: '2026-02-10', organizationId: other.organizationId });
    expect(await finished(id!)).toEqual(
      expect.objectContaining({ state: 'completed', output: { asOf: '2026-02-10', organizations: 1, portfolios: 1, failed: [] } }),
    );
    expect(await snapshotsFor(other, '2026-02-10')).toHaveLength(1);
    expect(await snapshotsFor(t, '2026-02-10')).toHaveLength(0);
  });

  // Regression (issue 7, H1): the loop over organizations had no per-organization error handling, so
  // one tenant whose snapshot failed stopped the nightly run for every organization after it.
  it('isolates one organization failing in the nightly run: recorded as its failure, the others snapshotted', async () => {
    // Created one after the other: ids are time-ordered, so the failing tenant is walked first.
    const failing = await createTenantFixture(inject('databaseUrl'), { label: 'worker-failing', exposures: 3 });
    const later = await createTenantFixture(inject('databaseUrl'), { label: 'worker-later', exposures: 4 });
    const url = inject('databaseUrl');
    // A real PostgreSQL error for that tenant's rows only (as its bad data would cause).
    await runSql(
      url,
      `CREATE FUNCTION fail_one_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'injected failure' USING ERRCODE = '22003'; END $$;
       CREATE TRIGGER fail_one_tenant BEFORE INSERT ON portfolio_snapshots FOR EACH ROW
         WHEN (NEW.organization_id = '${failing.organizationId}') EXECUTE FUNCTION fail_one_tenant();`,
    );
    try {
      const id = await client.enqueue('snapshot-portfolios', { asOf: '2026-03-05' });
      const done = await finished(id!);
      expect(done.state).toBe('completed');
      expect(done.output).toEqual(
        expect.objectContaining({ asOf: '2026-03-05', failed: [expect.objectContaining({ organizationId: failing.organizationId })] }),
      );
      expect(await snapshotsFor(later, '2026-03-05')).toHaveLength(1);
      expect(await snapshotsFor(t, '2026-03-05')).toHaveLength(1);
      expect(await snapshotsFor(failing, '2026-03-05')).toHaveLength(0);
      // The failing tenant sees it in its own audit trail, and no one else's trail mentions it.
      const system = { kind: 'system' as const, name: 'test' };
      const trail = await listAuditLog(
        worker.db,
        { organizationId: failing.organizationId, actor: system },
        { filter: { action: 'job.failed' } },
      );
      expect(trail.nodes).toHaveLength(1);
      expect(trail.nodes[0]).toMatchObject({ entityType: 'Job', entityId: 'snapshot-portfolios', after: { asOf: '2026-03-05' } });
      const othersTrail = await listAuditLog(
        worker.db,
        { organizationId: later.organizationId, actor: system },
        { filter: { action: 'job.failed' } },
      );
      expect(othersTrail.nodes).toHaveLength(0);
    } finally {
      await runSql(url, 'DROP TRIGGER fail_one_tenant ON portfolio_snapshots; DROP FUNCTION fail_one_tenant();');
    }
  }, 60_000);

  it('fails a job whose payload breaks the contract, naming the field, without writing anything', async () => {
    // Sent around the typed client, as a stale or foreign sender might.
    const bad = await worker.boss.send('snapshot-portfolios', { version: 1, payload: { asOf: 'not a date' } }, { retryLimit: 0 });
    const failed = await finished(bad!);
    expect(failed.state).toBe('failed');
    expect(JSON.stringify(failed.output)).toMatch(/snapshot-portfolios payload: asOf: /);
    const stale = await worker.boss.send(
      'snapshot-portfolios',
      { ...sealPayload(jobContract('snapshot-portfolios'), {}), version: 0 },
      {
        retryLimit: 0,
      },
    );
    expect(JSON.stringify((await finished(stale!)).output)).toMatch(/payload version 0 but this worker runs version 1/);
  });

  it('serves Prometheus metrics: jobs started, finished and failed per queue, durations, queue depth, pool', async () => {
    const scrapeText = async () => {
      const response = await fetch(`${worker.healthUrl}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.text();
    };
    // One sample: the metric name and every given label (in any order) on the same line; 0 when absent.
    const value = (text: string, name: string, labels: Record<string, string>) => {
      const line = text
        .split('\n')
        .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
      return line ? Number(line.split(' ').pop()) : 0;
    };
    const queue = { queue: 'snapshot-portfolios', service: 'probity-worker' };
    const series = (text: string) => ({
      started: value(text, 'probity_jobs_started_total', queue),
      finished: value(text, 'probity_jobs_finished_total', queue),
      failed: value(text, 'probity_jobs_failed_total', queue),
      finishedDurations: value(text, 'probity_job_duration_seconds_count', { ...queue, outcome: 'finished' }),
      failedDurations: value(text, 'probity_job_duration_seconds_bucket', { ...queue, outcome: 'failed', le: '+Inf' }),
    });
    const before = series(await scrapeText());
    const good = await client.enqueue('snapshot-portfolios', { asOf: '2026-03-01', organizationId: other.organizationId });
    expect((await finished(good!)).state).toBe('completed');
    const bad = await worker.boss.send('snapshot-portfolios', { version: 1, payload: { asOf: 'never' } }, { retryLimit: 0 });
    expect((await finished(bad!)).state).toBe('failed');
    const text = await scrapeText();
    const after = series(text);
    expect(after.started - before.started).toBe(2);
    expect(after.finished - before.finished).toBe(1);
    expect(after.failed - before.failed).toBe(1);
    expect(after.finishedDurations - before.finishedDurations).toBe(1);
    expect(after.failedDurations - before.failedDurations).toBe(1);
    expect(text).toMatch(/^probity_queue_depth\{[^}]*state="queued"[^}]*\} 0$/m);
    expect(text).toMatch(/^probity_queue_depth\{[^}]*state="active"[^}]*\} 0$/m);
    expect(value(text, 'probity_db_pool_connections', { state: 'max' })).toBe(4);
    expect(text).toContain('# TYPE probity_job_duration_seconds histogram');
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
  });
});
