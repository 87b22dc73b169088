// pg-boss on the application database (its own `pgboss` schema): for every job in the registry, its
// queue (with the contract's settings), its schedule if it has one, and its workers. Nothing here
// names a particular job.
import PgBoss from 'pg-boss';
import { listenForChanges, type Database } from '@probity/db';
import { ensureQueue, jobClientFor, JOBS_CHANNEL, PGBOSS_SCHEMA, sealPayload, type JobClient, type JobId } from '@probity/jobs';
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

/** Registers the job's queue, schedule and worker slots; returns the slots' pg-boss worker ids. */
async function register(boss: PgBoss, job: WorkerJob<JobId>, deps: Deps): Promise<string[]> {
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
  const slots: string[] = [];
  for (let i = 0; i < concurrency; i += 1) {
    // pg-boss waits out the rest of its polling interval after every fetch, a job's included, so a slot
    // whose jobs take less than the interval ran at most one a second (a run's score-batch jobs, a
    // simulation's chunk jobs). Notifying the slot from its own job makes it fetch the next one at once;
    // an empty queue still waits the interval.
    let slot: string | null = null;
    slot = await boss.work<unknown>(
      id,
      { batchSize: 1, pollingIntervalSeconds: deps.env.PROBITY_QUEUE_POLL_SECONDS, includeMetadata: true },
      async ([queued]) => {
        if (!queued) return undefined;
        if (slot) boss.notifyWorker(slot);
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
      },
    );
    slots.push(slot);
  }
  return slots;
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
  const slots = new Map<string, string[]>();
  for (const job of workerJobs) slots.set(job.contract.id, await register(boss, job, deps));
  // Jobs queued to run now wake this process's slots for their queue (see JOBS_CHANNEL) instead of
  // waiting for the slots' next poll; a notification lost while the listener reconnects costs that poll.
  const listener = listenForChanges(env.DATABASE_URL, {
    channels: [JOBS_CHANNEL],
    onNotification: (_channel, queue) => {
      for (const slot of slots.get(queue) ?? []) boss.notifyWorker(slot);
    },
    onReset: () => {},
    onError: (error) => log.warn({ err: error }, 'job wake-up listener: connection lost, retrying'),
  });
  shutdown.addEventListener('abort', () => void listener.close(), { once: true });
  log.info({ jobs: workerJobs.map((job) => job.contract.id) }, 'jobs registered');
  return boss;
}
