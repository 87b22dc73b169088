// The typed way to enqueue a job, for the API and the worker alike: `enqueue('snapshot-portfolios',
// { asOf: '2026-11-27' })` is checked against the contract at compile time and validated at run
// time. The client owns a small send-only pg-boss (no maintenance, no cron) unless given one.
import { randomUUID } from 'node:crypto';
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
  /**
   * Queues one job per payload of the same queue in one statement (every payload validated first, so a
   * bad one queues none), and wakes the queue's workers once; returns the jobs' ids in payload order. For
   * a run's batches: a hundred jobs sent one by one took about a second of round trips.
   */
  enqueueMany<Id extends JobId>(
    jobId: Id,
    payloads: readonly JobPayload<Id>[],
    options?: Omit<EnqueueOptions, 'singletonKey'>,
  ): Promise<string[]>;
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

/** Wakes the queue's listening workers now; the jobs are stored already, so a failed wake-up costs a poll, never a job. */
async function wake(boss: PgBoss, jobId: JobId): Promise<void> {
  await boss
    .getDb()
    .executeSql('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, jobId])
    .catch(() => undefined);
}

/**
 * Ids for jobs stored in one statement that sort in the order given: they share their creation time, and
 * pg-boss then takes them by id (a run's batches must go in order, so its parts fill and seal one after
 * another). One random UUID with a counter in place of its first eight digits.
 */
function idsInOrder(count: number): string[] {
  const rest = randomUUID().slice(8);
  return Array.from({ length: count }, (_, i) => `${i.toString(16).padStart(8, '0')}${rest}`);
}

/** EnqueueOptions' startAfter as pg-boss's insert takes it: an ISO time, or an interval from now. */
function startAfterText(startAfter: EnqueueOptions['startAfter']): string | undefined {
  if (startAfter === undefined) return undefined;
  if (startAfter instanceof Date) return startAfter.toISOString();
  if (typeof startAfter === 'number') return `${startAfter} seconds`;
  const at = new Date(startAfter);
  if (Number.isNaN(at.getTime())) throw new RangeError(`startAfter: "${startAfter}" is not a date and time`);
  return at.toISOString();
}

/** A client over an already started pg-boss (the worker's); close() leaves that instance running. */
export function jobClientFor(boss: PgBoss): JobClient {
  return {
    async enqueue(jobId, payload, options = {}) {
      const id = await boss.send(jobId, sealPayload(jobContract(jobId), payload) as object, options);
      // Idle workers poll once a second; this wakes the queue's workers now (a delayed job waits for its
      // poll). The job is stored already: a failed wake-up costs that second, never the job.
      if (id && options.startAfter === undefined) await wake(boss, jobId);
      return id;
    },
    async enqueueMany(jobId, payloads, options = {}) {
      const contract = jobContract(jobId);
      const ids = idsInOrder(payloads.length);
      const startAfter = startAfterText(options.startAfter);
      const jobs = payloads.map((payload, i) => ({
        id: ids[i]!,
        name: jobId,
        data: sealPayload(contract, payload),
        priority: options.priority,
        startAfter,
        expireInSeconds: options.expireInSeconds,
      }));
      if (jobs.length === 0) return [];
      await boss.insert(jobs);
      if (options.startAfter === undefined) await wake(boss, jobId);
      return jobs.map((job) => job.id);
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
