// Builds the worker (database, pg-boss queue, health server). main.ts runs it; tests start it in-process.
import type { AddressInfo } from 'node:net';
import { createDatabase, poolUsage, type Database } from '@probity/db';
import { createRegistry, createWorkerMetrics, registerPoolGauge, type Registry } from '@probity/metrics';
import { createLogger, type Logger } from '@probity/logging';
import type PgBoss from 'pg-boss';
import type { WorkerEnv } from './env.ts';
import { createHealthServer } from './health.ts';
import { queueDepths, startQueue } from './queue.ts';
import { verifiedWorkerIdentity } from './training/identity.ts';
import { startTrainingSupervisor } from './training/supervisor.ts';
import { trainDemoModels } from './training/demo-models.ts';
import { jobClientFor } from '@probity/jobs';
import type { WorkerIdentity } from './jobs/define.ts';
import { warmScorersOnStart } from './jobs/definitions/scoring/scorers.ts';

export interface RunningWorker {
  boss: PgBoss;
  db: Database;
  log: Logger;
  healthUrl: string;
  identity: WorkerIdentity;
  registry: Registry;
  /** Stops taking jobs, waits for running ones (up to 30 s), then closes connections. */
  close(): Promise<void>;
}

export async function startWorker(env: WorkerEnv): Promise<RunningWorker> {
  const log = createLogger('worker', env.LOG_LEVEL);
  const db = createDatabase({ connectionString: env.DATABASE_URL, poolSize: 4 });
  let running = false;
  const identity = await verifiedWorkerIdentity(env, log);
  const shutdown = new AbortController();
  const registry = createRegistry('worker');
  registerPoolGauge(registry, () => poolUsage(db));
  let bossForDepths: PgBoss | null = null;
  const metrics = createWorkerMetrics(registry, async () => (bossForDepths ? queueDepths(bossForDepths) : []));
  // The scorers the next runs need, loaded before the first job is taken (PROBITY_WARM_SCORERS).
  const warmed = await warmScorersOnStart(db, env.PROBITY_SCORER_THREADS, env.PROBITY_WARM_SCORERS, log);
  if (warmed.length > 0)
    log.info({ versions: warmed.map((w) => w.versionId), rehearsed: warmed.map((w) => w.rehearsed) }, 'scorers loaded');
  const boss = await startQueue(db, log, env, metrics, identity, shutdown.signal);
  bossForDepths = boss;
  const supervisor = startTrainingSupervisor(db, boss, log, identity);
  running = true;
  if (env.PROBITY_DEMO_TRAINING === '1') {
    trainDemoModels(db, jobClientFor(boss), log, shutdown.signal).catch((error: unknown) =>
      log.error({ err: error }, 'demo: model training failed'),
    );
  }
  const health = createHealthServer(db, () => running, registry);
  await new Promise<void>((resolve, reject) => {
    health.once('error', reject);
    health.listen(env.WORKER_PORT, env.WORKER_HOST, () => resolve());
  });
  const healthUrl = `http://${env.WORKER_HOST}:${(health.address() as AddressInfo).port}`;
  log.info({ healthUrl, worker: identity }, 'worker ready');
  return {
    boss,
    db,
    log,
    healthUrl,
    identity,
    registry,
    close: async () => {
      running = false;
      shutdown.abort();
      await supervisor.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
      await new Promise<void>((resolve) => health.close(() => resolve()));
      await db.close();
    },
  };
}
