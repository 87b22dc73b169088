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
  close(): Promise<void>;
}

/** A client over an already started pg-boss (the worker's); close() leaves that instance running. */
export function jobClientFor(boss: PgBoss): JobClient {
  return {
    async enqueue(jobId, payload, options = {}) {
      return boss.send(jobId, sealPayload(jobContract(jobId), payload) as object, options);
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
