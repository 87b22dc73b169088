// The worker's metrics: jobs started, finished and failed per queue, their durations, and the depth
// of every queue (read from pg-boss when scraped).
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Seconds; jobs run from milliseconds to many minutes. */
export const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

export interface QueueDepth {
  queue: string;
  /** Waiting to run (created or retrying). */
  queued: number;
  /** Running now. */
  active: number;
}

export interface WorkerMetrics {
  /** Call when a job starts; call the returned function with its outcome when it ends. */
  jobStarted(queue: string): (outcome: 'finished' | 'failed') => void;
}

export function createWorkerMetrics(registry: Registry, depths: () => Promise<QueueDepth[]>): WorkerMetrics {
  const started = new Counter({
    name: 'probity_jobs_started_total',
    help: 'Jobs started, per queue.',
    labelNames: ['queue'],
    registers: [registry],
  });
  const finished = new Counter({
    name: 'probity_jobs_finished_total',
    help: 'Jobs that finished successfully, per queue.',
    labelNames: ['queue'],
    registers: [registry],
  });
  const failed = new Counter({
    name: 'probity_jobs_failed_total',
    help: 'Job runs that failed (each try counts; pg-boss retries them per the contract), per queue.',
    labelNames: ['queue'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'probity_job_duration_seconds',
    help: 'Job run time per queue and outcome (finished, failed), in seconds.',
    labelNames: ['queue', 'outcome'],
    buckets: JOB_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'probity_queue_depth',
    help: 'Jobs per queue and state: queued (waiting, including retries) and active (running).',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const depth of await depths()) {
        this.set({ queue: depth.queue, state: 'queued' }, depth.queued);
        this.set({ queue: depth.queue, state: 'active' }, depth.active);
      }
    },
  });

  return {
    jobStarted(queue) {
      started.inc({ queue });
      const end = duration.startTimer({ queue });
      return (outcome) => {
        (outcome === 'finished' ? finished : failed).inc({ queue });
        end({ outcome });
      };
    },
  };
}
