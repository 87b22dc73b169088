// The typed way to enqueue a job, for the API and the worker alike: `enqueue('snapshot-portfolios',
// { asOf: '2026-11-27' })` is checked against the contract at compile time and validated at run
// time. The client owns a small send-only pg-boss (no maintenance, no cron) unless given one.
import PgBoss from 'pg-boss';
import { sealPayload, type JobEnvelope } from './envelope.ts';
import { ensureQueues, PGBOSS_SCHEMA } from './queues.ts';
import { jobContract, type JobId, type JobPayload } from './registry.ts';

export interface EnqueueOptions {
  /** Run no earlier than this (a Date, an ISO string, or seconds from now). */
  startAfter?: Date | string | number;
  /** pg-boss de-duplication key (with the queue's policy). */
  singletonKey?: string;
  /** Higher runs first. */
  priority?: number;
  /** This job's expiry instead of the queue's (seconds a running job may take before it is failed and retried). */
  expireInSeconds?: number;
}

export interface JobState {
  id: string;
  jobId: JobId;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  /** The payload as enqueued. */
  payload: unknown;
  /** What the handler returned, or the error it failed with. */
  output: unknown;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
}

export interface JobClient {
  /** Queues a job; returns its id, or null when the queue's policy dropped it as a duplicate. */
  enqueue<Id extends JobId>(jobId: Id, payload: JobPayload<Id>, options?: EnqueueOptions): Promise<string | null>;
  /** A queued or finished job (null once pg-boss has archived and deleted it, or for an unknown id). */
  get(jobId: JobId, id: string): Promise<JobState | null>;
  /**
   * Jobs of a queue that failed for good (retries spent, the last one by error or by expiry) since a
   * moment, newest first, with whether another job with the same payload is still queued or running.
   * Reads pg-boss's job and archive tables: an expired last attempt runs no handler, so only this sees it.
   */
  failedSince(jobId: JobId, since: Date): Promise<(JobState & { payloadStillQueued: boolean })[]>;
  close(): Promise<void>;
}

/**
 * Each job queued to run now is announced on this channel (payload: the queue's name), so workers that
 * LISTEN wake their slots for that queue instead of waiting for their next poll.
 */
export const JOBS_CHANNEL = 'probity_jobs';

/** A client over an already started pg-boss (the worker's); close() leaves that instance running. */
export function jobClientFor(boss: PgBoss): JobClient {
  return {
    async enqueue(jobId, payload, options = {}) {
      const id = await boss.send(jobId, sealPayload(jobContract(jobId), payload) as object, options);
      // Idle workers poll once a second; this wakes the queue's workers now (a delayed job waits for its
      // poll). The job is stored already: a failed wake-up costs that second, never the job.
      if (id && options.startAfter === undefined)
        await boss
          .getDb()
          .executeSql('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, jobId])
          .catch(() => undefined);
      return id;
    },
    async get(jobId, id) {
      const job = await boss.getJobById<Partial<JobEnvelope> | null>(jobId, id);
      if (!job) return null;
      return {
        id: job.id,
        jobId,
        state: job.state,
        payload: job.data?.payload ?? null,
        output: job.output ?? null,
        createdOn: job.createdOn,
        startedOn: job.startedOn ?? null,
        completedOn: job.completedOn ?? null,
      };
    },
    async failedSince(jobId, since) {
      const live = `EXISTS (SELECT 1 FROM ${PGBOSS_SCHEMA}.job l WHERE l.name = f.name AND l.state < 'completed' AND l.data->'payload' = f.data->'payload')`;
      const columns = `f.id, f.state::text AS state, f.data, f.output, f.created_on, f.started_on, f.completed_on, ${live} AS live`;
      const { rows } = await boss.getDb().executeSql(
        `SELECT * FROM (SELECT ${columns} FROM ${PGBOSS_SCHEMA}.job f WHERE f.name = $1 AND f.state = 'failed' AND f.completed_on >= $2
                          UNION ALL
                          SELECT ${columns} FROM ${PGBOSS_SCHEMA}.archive f WHERE f.name = $1 AND f.state = 'failed' AND f.completed_on >= $2) t
            ORDER BY completed_on DESC`,
        [jobId, since],
      );
      return (
        rows as {
          id: string;
          state: JobState['state'];
          data: Partial<JobEnvelope> | null;
          output: unknown;
          created_on: Date;
          started_on: Date | null;
          completed_on: Date | null;
          live: boolean;
        }[]
      ).map((r) => ({
        id: r.id,
        jobId,
        state: r.state,
        payload: r.data?.payload ?? null,
        output: r.output ?? null,
        createdOn: r.created_on,
        startedOn: r.started_on,
        completedOn: r.completed_on,
        payloadStillQueued: r.live,
      }));
    },
    close: async () => {},
  };
}

export interface JobClientOptions {
  connectionString: string;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  onError?: (error: Error) => void;
}

/** Starts a send-only pg-boss (installing its schema if missing) and creates missing queues. */
export async function createJobClient(options: JobClientOptions): Promise<JobClient> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: PGBOSS_SCHEMA,
    application_name: options.applicationName ?? 'probity-jobs',
    max: 2,
    supervise: false,
    schedule: false,
  });
  boss.on('error', options.onError ?? (() => {}));
  await boss.start();
  await ensureQueues(boss);
  return { ...jobClientFor(boss), close: () => boss.stop({ graceful: false, close: true }) };
}
