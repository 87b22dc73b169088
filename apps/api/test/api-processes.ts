// Real API processes (src/main.ts, each a child process) on the test database, for what only more than
// one process can show: a change made through one of them, or in SQL, reaching every process's caches.
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { freePort, startServiceProcess, type ServiceProcess } from '@probity/db/testing';
import { SERVICE_SECRET } from './harness.ts';

export interface ApiProcesses {
  /** Each process's base URL (http://127.0.0.1:port). */
  bases: string[];
  stop(): Promise<void>;
}

/** Starts `count` API processes one after another with `env` on top of the test settings; ready when it returns. */
export async function startApiProcesses(count: number, env: Record<string, string>): Promise<ApiProcesses> {
  const processes: ServiceProcess[] = [];
  const bases: string[] = [];
  const stop = async () => {
    for (const p of processes) p.kill('SIGTERM');
    await Promise.all(processes.map((p) => p.exited));
  };
  for (let i = 0; i < count; i += 1) {
    const port = await freePort();
    const api = startServiceProcess(fileURLToPath(new URL('../src/main.ts', import.meta.url)), {
      DATABASE_URL: inject('databaseUrl'),
      API_PORT: String(port),
      PROBITY_SERVICE_TOKEN_SECRET: SERVICE_SECRET,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...env,
    });
    processes.push(api);
    bases.push(`http://127.0.0.1:${port}`);
    if (!(await api.waitUntilReady(`http://127.0.0.1:${port}/readyz`, 60_000))) {
      await stop();
      throw new Error(`API process ${i + 1} never became ready:\n${api.output()}`);
    }
  }
  return { bases, stop };
}

/** Milliseconds from `since` until `done()` holds (polled every `everyMs`, up to 5 s); Infinity if it never does. */
export async function msUntil(done: () => Promise<boolean>, since: number, everyMs: number): Promise<number> {
  while (Date.now() - since < 5_000) {
    if (await done()) return Date.now() - since;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return Infinity;
}
