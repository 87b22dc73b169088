// The product's own path for a run, next to the bench's direct one: a real worker process
// (apps/worker, with the worker's Node flags) takes the score-portfolio job from pg-boss, plans the
// run and queues a score-batch job per batch, and its slots (PROBITY_SCORING_CONCURRENCY) take those,
// until the last batch seals the run. What this adds to the direct row is the queue (job pickup, one
// job and its transaction per batch) and a fresh process: the worker loads the linked champion's scorer
// at its start (PROBITY_WARM_SCORERS), before the bench sees it ready, and runs code for the first
// time in its first run. The same worker then runs the portfolio again: a nightly run's case on a
// worker that has scored the version before. The runs are watched by one plain statement every 20 ms
// on a connection of the bench's own (at first a tenant transaction each time, four round trips, which
// took CPU from the run it was timing).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Database, type TenantScope } from '@probity/db';
import { freePort, startServiceProcess } from '@probity/db/testing';
import { createJobClient } from '@probity/jobs';
import { requestScoringRun } from '../src/index.ts';
import type { ServerCpu } from './server-cpu.ts';

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
  /** The database's CPU seconds over the run (ServerCpu's reading). */
  serverCpuSeconds: number | null;
}

/** The run's status and error, and whether its monitoring is stored. */
async function runState(watch: pg.Client, runId: string): Promise<{ status: string; error: string | null; monitored: boolean }> {
  const { rows } = await watch.query<{ status: string; error: string | null; monitored: boolean }>(
    'SELECT status, error, monitoring IS NOT NULL AS monitored FROM scoring_runs WHERE id = $1',
    [runId],
  );
  return rows[0]!;
}

/** `runs` runs of the portfolio, one after another, by one worker process (its first runs its code for the first time). */
export async function runThroughQueue(
  url: string,
  db: Database,
  scope: TenantScope,
  run: { portfolioId: string; batchSize: number; concurrency: number; threads: number; runs: number },
  serverCpu: ServerCpu,
): Promise<QueueRun[]> {
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
  const watch = new pg.Client({ connectionString: url });
  await watch.connect();
  const wait = () => new Promise((r) => setTimeout(r, 20));
  try {
    if (!(await worker.waitUntilReady(`http://127.0.0.1:${port}/readyz`, 150_000)))
      throw new Error(`the worker never became ready:\n${worker.output()}`);
    const done: QueueRun[] = [];
    for (let i = 0; i < run.runs; i++) {
      serverCpu.start();
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
        const state = await runState(watch, requested.id);
        if (state.status === 'SUCCEEDED') break;
        if (state.status === 'FAILED') throw new Error(`the run through the queue failed: ${state.error}`);
        if (exited) throw new Error(`the worker exited during the run:\n${worker.output()}`);
        await wait();
      }
      const seconds = (performance.now() - started) / 1000;
      const cpuAfter = processCpuSeconds(worker.pid);
      const serverCpuSeconds = serverCpu.stop();
      done.push({
        runId: requested.id,
        seconds,
        workerCpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
        serverCpuSeconds,
      });
      // The job that finished the run goes on to its monitoring (PSI over the run's scores): the next
      // run starts once that is stored, not beside it.
      const settled = performance.now();
      while (!(await runState(watch, requested.id)).monitored && performance.now() - settled < 60_000 && !exited) await wait();
    }
    return done;
  } finally {
    await watch.end();
    await jobs.close();
    worker.kill('SIGTERM');
    await worker.exited;
  }
}
