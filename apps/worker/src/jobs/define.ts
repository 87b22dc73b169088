// The worker half of a job: its handler, and when the worker enqueues it by itself (schedule). The
// other half, the contract (id, version, payload schema, queue settings), lives in @probity/jobs so
// the API can enqueue the job without importing the worker.
import type { Database } from '@probity/db';
import type { JobClient, JobContractOf, JobData, JobId, JobPayload } from '@probity/jobs';
import type { Logger } from '@probity/logging';
import type { WorkerEnv } from '../env.ts';

export interface JobContext {
  db: Database;
  /** Carries the job name and pg-boss id on every line. */
  log: Logger;
  /** pg-boss id of the running job ('cli' when run by hand). */
  runId: string;
  /** To enqueue follow-up jobs. */
  jobs: JobClient;
  /** This process, as training jobs record it. */
  worker: WorkerIdentity;
  /** Aborted when the worker shuts down: long jobs stop and go back to the queue. */
  shutdown: AbortSignal;
  /** The worker's configuration (jobs read their settings here, never from process.env). */
  env: WorkerEnv;
  /**
   * True when a failure now is final: the queue has no retry left (or nothing retries, as from the CLI).
   * Jobs that own a record (a scoring run) mark it failed then, instead of leaving it running forever.
   */
  finalAttempt?: boolean;
}

export interface WorkerIdentity {
  /** host:pid */
  id: string;
  machine: string;
  /** The deep-model backend asked for (PROBITY_ML_BACKEND), or "auto". */
  backend: string;
  /** tensorflow or webgpu, verified to load at start: takes deep and fusion jobs first. */
  gpu: boolean;
  /** Why the GPU backend asked for could not load (the worker then trains on the CPU). */
  backendProblem?: string;
  /** Training heartbeat period; a job silent for six of them is taken as abandoned. */
  heartbeatMs: number;
}

export interface JobSchedule<Id extends JobId> {
  /** Cron expression (5 fields). */
  cron: string;
  /** IANA time zone the expression is read in; default UTC. */
  tz?: string;
  payload: JobPayload<Id>;
}

export interface WorkerJob<Id extends JobId> {
  contract: JobContractOf<Id>;
  /** When the worker enqueues the job by itself; omit (or return null) for jobs only sent on request. */
  schedule?: (env: WorkerEnv) => JobSchedule<Id> | null;
  /**
   * Running it twice has the effect of running it once (it overwrites rather than adds). Such a job,
   * cut off by a database outage, is run again in place as soon as the database answers, so it
   * completes once instead of waiting for the queue's retry delay (jobs/survive-outage.ts).
   */
  idempotent?: boolean;
  /** Jobs of this kind one worker process runs at the same time (default 1), or from the worker's settings. */
  concurrency?: number | ((env: WorkerEnv) => number);
  /** The work. Its return value is stored as the job's output; a throw fails it (then pg-boss retries). */
  run(data: JobData<Id>, ctx: JobContext): Promise<unknown>;
}

export function defineWorkerJob<Id extends JobId>(job: WorkerJob<Id>): WorkerJob<Id> {
  return job;
}
