// The product's own path for a run, next to the bench's direct one: a real worker process
// (apps/worker, with the worker's Node flags) takes the score-portfolio job from pg-boss, plans the
// run and queues a score-batch job per batch, and its slots (PROBITY_SCORING_CONCURRENCY) take those,
// until the last batch seals the run. What this adds to the direct row is the queue: job pickup,
// one job and its transaction per batch, and the worker loading its scorer on the first batch.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getScoringRun, type Database, type TenantScope } from '@probity/db';
import { freePort, startServiceProcess } from '@probity/db/testing';
import { createJobClient } from '@probity/jobs';
import { requestScoringRun } from '../src/index.ts';

const workerMain = fileURLToPath(new URL('../../../apps/worker/src/main.ts', import.meta.url));

/** CPU seconds of a process so far (user + system), from /proc; null elsewhere. */
function processCpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ ticks
  } catch {
    return null;
  }
}

export interface QueueRun {
  runId: string;
  seconds: number;
  /** The worker process's CPU seconds over the run (its scorer threads included). */
  workerCpuSeconds: number | null;
}

export async function runThroughQueue(
  url: string,
  db: Database,
  scope: TenantScope,
  run: { portfolioId: string; batchSize: number; concurrency: number; threads: number },
): Promise<QueueRun> {
  const port = await freePort();
  const worker = startServiceProcess(
    workerMain,
    {
      DATABASE_URL: url,
      WORKER_PORT: String(port),
      LOG_LEVEL: 'warn',
      PROBITY_SCORING_CONCURRENCY: String(run.concurrency),
      PROBITY_SCORER_THREADS: String(run.threads),
    },
    ['--max-semi-space-size=64'],
  );
  let exited = false;
  void worker.exited.then(() => (exited = true));
  const jobs = await createJobClient({ connectionString: url });
  try {
    if (!(await worker.waitUntilReady(`http://127.0.0.1:${port}/readyz`, 150_000)))
      throw new Error(`the worker never became ready:\n${worker.output()}`);
    const cpuBefore = processCpuSeconds(worker.pid);
    const started = performance.now();
    const requested = (await requestScoringRun(db, scope, {
      portfolioId: run.portfolioId,
      trigger: 'manual',
      asOf: '2026-11-30',
      batchSize: run.batchSize,
    }))!;
    await jobs.enqueue('score-portfolio', { organizationId: scope.organizationId, runId: requested.id });
    for (;;) {
      const state = (await getScoringRun(db, scope, requested.id))!;
      if (state.status === 'SUCCEEDED') break;
      if (state.status === 'FAILED') throw new Error(`the run through the queue failed: ${state.error}`);
      if (exited) throw new Error(`the worker exited during the run:\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = processCpuSeconds(worker.pid);
    return {
      runId: requested.id,
      seconds,
      workerCpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    };
  } finally {
    await jobs.close();
    worker.kill('SIGTERM');
    await worker.exited;
  }
}
