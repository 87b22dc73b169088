// pg-boss on the application database (its own `pgboss` schema): for every job in the registry, its
// queue (with the contract's settings), its schedule if it has one, and its workers. Nothing here
// names a particular job.
import PgBoss from 'pg-boss';
import type { Database } from '@probity/db';
import { ensureQueue, jobClientFor, PGBOSS_SCHEMA, sealPayload, type JobClient, type JobId } from '@probity/jobs';
import type { Logger } from '@probity/logging';
import type { QueueDepth, WorkerMetrics } from '@probity/metrics';
import type { WorkerEnv } from './env.ts';
import type { WorkerIdentity, WorkerJob } from './jobs/define.ts';
import { workerJobs } from './jobs/registry.ts';
import { runJob } from './jobs/run.ts';
import { surviveOutages } from './jobs/survive-outage.ts';

interface Deps {
  db: Database;
  log: Logger;
  env: WorkerEnv;
  jobs: JobClient;
  worker: WorkerIdentity;
  shutdown: AbortSignal;
  metrics: WorkerMetrics;
}

async function register(boss: PgBoss, job: WorkerJob<JobId>, deps: Deps): Promise<void> {
  const { id } = job.contract;
  await ensureQueue(boss, job.contract, { applySettings: true });
  const schedule = job.schedule?.(deps.env) ?? null;
  if (schedule) {
    const tz = schedule.tz ?? 'UTC';
    await boss.schedule(id, schedule.cron, sealPayload(job.contract, schedule.payload), { tz });
    deps.log.info({ job: id, cron: schedule.cron, tz }, 'schedule registered');
  } else {
    await boss.unschedule(id); // a schedule dropped from the code must not keep firing
  }
  const concurrency = typeof job.concurrency === 'function' ? job.concurrency(deps.env) : (job.concurrency ?? 1);
  for (let i = 0; i < concurrency; i += 1) {
    await boss.work<unknown>(id, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([queued]) => {
      if (!queued) return undefined;
      const ended = deps.metrics.jobStarted(id);
      try {
        const output = await surviveOutages(
          () =>
            runJob(job, queued.data, {
              db: deps.db,
              log: deps.log,
              runId: queued.id,
              jobs: deps.jobs,
              env: deps.env,
              worker: deps.worker,
              shutdown: deps.shutdown,
              finalAttempt: queued.retryCount >= queued.retryLimit,
            }),
          {
            db: deps.db,
            log: deps.log.child({ job: id, runId: queued.id }),
            idempotent: job.idempotent ?? false,
          },
        );
        ended('finished');
        return output;
      } catch (error) {
        ended('failed');
        throw error;
      }
    });
  }
}

/** Waiting and running jobs of every queue the worker serves (for the queue-depth gauge). */
export async function queueDepths(boss: PgBoss): Promise<QueueDepth[]> {
  return Promise.all(
    workerJobs.map(async (job) => {
      const queue = job.contract.id;
      const [queued, notDone] = await Promise.all([boss.getQueueSize(queue), boss.getQueueSize(queue, { before: 'completed' })]);
      return { queue, queued, active: Math.max(0, notDone - queued) };
    }),
  );
}

export async function startQueue(
  db: Database,
  log: Logger,
  env: WorkerEnv,
  metrics: WorkerMetrics,
  worker: WorkerIdentity,
  shutdown: AbortSignal,
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: env.DATABASE_URL,
    schema: PGBOSS_SCHEMA,
    application_name: 'probity-worker',
    maintenanceIntervalSeconds: env.PROBITY_QUEUE_MAINTENANCE_SECONDS,
  });
  boss.on('error', (error) => log.error({ err: error }, 'pg-boss error'));
  await boss.start();
  const deps = { db, log, env, jobs: jobClientFor(boss), metrics, worker, shutdown };
  for (const job of workerJobs) await register(boss, job, deps);
  log.info({ jobs: workerJobs.map((job) => job.contract.id) }, 'jobs registered');
  return boss;
}
