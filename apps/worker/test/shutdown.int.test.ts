// The worker process exits cleanly (code 0) on SIGTERM.
import { fileURLToPath } from 'node:url';
import { describe, expect, it, inject } from 'vitest';
import { freePort, startServiceProcess } from '@probity/db/testing';

describe('worker process', () => {
  it('becomes ready, then shuts down gracefully on SIGTERM', async () => {
    const port = await freePort();
    const worker = startServiceProcess(fileURLToPath(new URL('../src/main.ts', import.meta.url)), {
      DATABASE_URL: inject('databaseUrl'),
      WORKER_PORT: String(port),
      LOG_LEVEL: 'info',
    });
    expect(await worker.waitUntilReady(`http://127.0.0.1:${port}/readyz`), worker.output()).toBe(true);
    worker.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const lines = worker
      .output()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).toContain('shutting down: waiting for running jobs');
  }, 60_000);
});
