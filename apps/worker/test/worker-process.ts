// Real worker processes (src/main.ts, each a child process) for the tests that need pg-boss, schedules
// or a kill -9 as they happen in production, their graceful stop, and a poll for what such a process eventually does.
import { fileURLToPath } from 'node:url';
import { freePort, startServiceProcess, type ServiceProcess } from '@probity/db/testing';

/** Starts a worker with `env` on top of the test settings; ready when it returns (killed, and an error, if it never is). */
export async function startWorkerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
  const port = await freePort();
  const worker = startServiceProcess(fileURLToPath(new URL('../src/main.ts', import.meta.url)), {
    DATABASE_URL: databaseUrl,
    WORKER_PORT: String(port),
    LOG_LEVEL: 'info',
    PROBITY_TRAINING_HEARTBEAT_SECONDS: '1',
    ...env,
  });
  if (!(await worker.waitUntilReady(`http://127.0.0.1:${port}/readyz`, 90_000))) {
    worker.kill('SIGKILL');
    throw new Error(`worker did not start:\n${worker.output()}`);
  }
  return worker;
}

/**
 * Stops workers as production does, with SIGTERM: running jobs finish and pg-boss lets go of them. A
 * SIGKILL here left a job active until its expiry (the singleton schedule-scoring sweep: 300 s), and a
 * later file in the package's shared database waited on it. SIGKILL only for a worker still running
 * after `timeoutMs` (the worker forces its own exit at 45 s; this fits the 60 s hook timeout). Workers a
 * test killed already are only awaited.
 */
export async function stopWorkerProcesses(workers: Iterable<ServiceProcess>, timeoutMs = 40_000): Promise<void> {
  await Promise.all(
    [...workers].map(async (worker) => {
      worker.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const outcome = await Promise.race([worker.exited, timedOut]);
      clearTimeout(timer);
      if (outcome !== 'timeout') return;
      console.warn(`worker still running ${timeoutMs / 1000} s after SIGTERM, killed:\n${worker.output().slice(-2000)}`);
      worker.kill('SIGKILL');
      await worker.exited;
    }),
  );
}

/** The first truthy answer of `check`, polled every 300 ms; an error naming `what` once `timeoutMs` has passed. */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
