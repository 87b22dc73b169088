// Scoring runs on real worker processes sharing a real pg-boss: two workers share a run's batches; a
// worker killed with SIGKILL mid-run leaves its batch job to expire and be retried, and the run still
// ends with exactly one score per exposure (the (run, exposure) key, batches done in one transaction).
// Batches take milliseconds, so the test holds the second half of the run's batch rows locked: the
// workers score the first half, then each slot waits inside its next batch's transaction, where the
// kill finds it.
// Three workers, each registering the same schedule, make one run per slot of a portfolio's cron.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, getScoringRun, loadFeatures, planScoringRun, type Database, type TenantScope } from '@probity/db';
import { createTenantFixture, runSql, type ServiceProcess, type TenantFixture } from '@probity/db/testing';
import { createJobClient, type JobClient } from '@probity/jobs';
import { linkModel, requestScoringRun } from '@probity/scoring';
import { registerModelVersion, trainSmallModel } from '@probity/scoring/testing';
import { loadScoringCards } from './scoring-cards.ts';
import { startWorkerProcess, stopWorkerProcesses, waitFor } from './worker-process.ts';

const N = 2400;
let db: Database;
let t: TenantFixture;
let scope: TenantScope;
let jobs: JobClient;
let championId: string;
const workers: ServiceProcess[] = [];
const killed = new Set<ServiceProcess>();

async function startScoringWorker(): Promise<ServiceProcess> {
  const worker = await startWorkerProcess(inject('databaseUrl'), {
    // A killed worker's batch job expires after 15 s and pg-boss looks every 2 s: the test waits seconds, not minutes.
    PROBITY_SCORING_BATCH_EXPIRY_SECONDS: '15',
    PROBITY_QUEUE_MAINTENANCE_SECONDS: '2',
    // The database is shared with other tests' organizations: room for their versions too.
    PROBITY_WARM_SCORERS: '64',
  });
  workers.push(worker);
  return worker;
}

const batchesBy = (worker: ServiceProcess) => (worker.output().match(/"scoring batch done"/g) ?? []).length;

/** The exposures a worker's start-up rehearsal scored per version it loaded ("scorers loaded"). */
function rehearsedAtStart(worker: ServiceProcess): Map<string, number> {
  const line = worker
    .output()
    .split('\n')
    .find((l) => l.includes('"scorers loaded"'));
  if (!line) return new Map();
  const { versions, rehearsed } = JSON.parse(line) as { versions: string[]; rehearsed: number[] };
  return new Map(versions.map((v, i) => [v, rehearsed[i]!]));
}

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'scorefault', exposures: N });
  scope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } };
  await loadScoringCards(db, scope, t.slug, N);
  const { modelId, versionId } = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel());
  championId = versionId;
  await linkModel(db, scope, { portfolioId: t.portfolioId, modelId });
  jobs = await createJobClient({ connectionString: inject('databaseUrl') });
}, 180_000);
afterAll(async () => {
  await stopWorkerProcesses(workers);
  await jobs?.close();
  await db?.close();
});

describe('scoring runs on worker processes', () => {
  it('two workers share a run; one killed with SIGKILL mid-run, the run still ends with exactly one score per exposure', async () => {
    const a = await startScoringWorker();
    const b = await startScoringWorker();
    // Each loaded the linked champion's scorer at its start, before taking a job (PROBITY_WARM_SCORERS).
    // The portfolio has no run yet: nothing to rehearse.
    for (const worker of [a, b]) expect(rehearsedAtStart(worker).get(championId)).toBe(0);
    const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', batchSize: 60, asOf: '2026-11-30' }))!;
    // Planned here (the job's planning finds it planned and queues every batch), so that batches 20 to 39
    // can be held before any job starts.
    await planScoringRun(db, scope, run.id, 'test');
    const holder = new pg.Client({ connectionString: inject('databaseUrl') });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM scoring_batches WHERE run_id = $1 AND batch_no >= 20 FOR UPDATE', [run.id]);
      await jobs.enqueue('score-portfolio', { organizationId: t.organizationId, runId: run.id });

      // Both take batches; then one dies with its slots inside held batches.
      await waitFor(async () => batchesBy(a) >= 2 && batchesBy(b) >= 2, 120_000, 'both workers to score batches');
      const midway = await waitFor(
        async () => {
          const current = (await getScoringRun(db, scope, run.id))!;
          return current.batchesDone === 20 ? current : null;
        },
        60_000,
        'the first twenty batches',
      );
      expect(midway.status).toBe('RUNNING');
      await waitFor(
        async () =>
          (
            await runSql<{ n: number }>(
              inject('databaseUrl'),
              `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE NOT l.granted AND a.application_name <> 'probity-change-listener' AND a.datname = current_database()`,
            )
          )[0]!.n >= 4,
        60_000,
        'every worker slot inside a held batch',
      );
      a.kill('SIGKILL');
      killed.add(a);
      expect(await a.exited).toBeNull(); // killed by the signal, no exit code
    } finally {
      await holder.query('COMMIT').catch(() => undefined);
      await holder.end();
    }
    // The restart: it rehearses a batch of the run still going (its portfolio's latest), read-only, beside it.
    const restarted = await startScoringWorker();
    expect(rehearsedAtStart(restarted).get(championId)).toBe(N);

    const done = await waitFor(
      async () => {
        const current = await getScoringRun(db, scope, run.id);
        return current && current.status !== 'RUNNING' && current.status !== 'QUEUED' ? current : null;
      },
      240_000,
      'the run to end',
    );
    expect(done).toMatchObject({ status: 'SUCCEEDED', exposureCount: N, scoredCount: N, batchCount: 40, batchesDone: 40 });
    const [counts] = await runSql<{ scores: string; exposures: string; missing: string }>(
      inject('databaseUrl'),
      `SELECT (SELECT count(*) FROM scores WHERE run_id = $1) AS scores,
              (SELECT count(DISTINCT exposure_id) FROM scores WHERE run_id = $1) AS exposures,
              (SELECT count(*) FROM exposures e WHERE e.portfolio_id = $2 AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.run_id = $1 AND s.exposure_id = e.id)) AS missing`,
      [run.id, t.portfolioId],
    );
    expect(counts).toEqual({ scores: String(N), exposures: String(N), missing: '0' });
  }, 420_000);

  it('three worker processes with one schedule make one run per slot', async () => {
    // The first test leaves two live workers; a third joins. Each registers the same schedule-scoring cron.
    while (workers.filter((w) => !killed.has(w)).length < 3) await startScoringWorker();
    const other = await createTenantFixture(inject('databaseUrl'), { label: 'scoreslots', exposures: 5 });
    const otherScope: TenantScope = { organizationId: other.organizationId, actor: { kind: 'system', name: 'test' } };
    const cards = [
      'external_id,PAY_0,BILL_AMT1,current_ratio',
      ...Array.from({ length: 5 }, (_, i) => `${other.slug}-E${i},${i % 3},${i * 10},1.5`),
    ];
    expect((await loadFeatures(db, otherScope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: cards.join('\n') } })).ok).toBe(
      true,
    );
    const { modelId } = await registerModelVersion(inject('databaseUrl'), other.organizationId, await trainSmallModel());
    const link = await linkModel(db, otherScope, { portfolioId: other.portfolioId, modelId, cron: '* * * * *' });
    // The first run ("initial", the link's creation its slot) made here as a tick makes it (the tick's own
    // first run: schedule-scoring.int.test.ts), so the workers' very next tick makes a scheduled slot's run:
    // waiting for a tick to make the initial one cost a minute. Should a tick make it at the same moment,
    // the (portfolio, slot) key keeps it one run, and its score-portfolio job is the tick's.
    const initial = await requestScoringRun(db, otherScope, { portfolioId: other.portfolioId, trigger: 'initial', slot: link.createdAt });
    if (initial) await jobs.enqueue('score-portfolio', { organizationId: other.organizationId, runId: initial.id });

    // Then one run a minute, whichever of the three workers ticks: wait for two minutes' slots.
    const runsOf = () =>
      runSql<{ trigger: string; slot: string; n: string }>(
        inject('databaseUrl'),
        `SELECT trigger, slot::text AS slot, count(*) AS n FROM scoring_runs WHERE portfolio_id = $1 GROUP BY trigger, slot ORDER BY slot`,
        [other.portfolioId],
      );
    const slots = await waitFor(
      async () => {
        const rows = await runsOf();
        return rows.filter((r) => r.trigger === 'schedule').length >= 2 ? rows : null;
      },
      240_000,
      'two scheduled slots',
    );
    expect(slots.filter((r) => r.trigger === 'initial')).toHaveLength(1);
    for (const slot of slots) expect(slot.n, `slot ${slot.slot}`).toBe('1');
    const minutes = slots.filter((r) => r.trigger === 'schedule').map((r) => new Date(r.slot).getTime());
    expect(minutes.every((m) => m % 60_000 === 0)).toBe(true);
  }, 300_000);
});
