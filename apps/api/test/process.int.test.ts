// The API as a process: structured JSON logs carrying the request id, and a clean exit on SIGTERM.
import { fileURLToPath } from 'node:url';
import { describe, expect, it, inject } from 'vitest';
import { freePort, startServiceProcess } from '@probity/db/testing';

describe('API process', () => {
  it('logs JSON lines with the request id and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const api = startServiceProcess(fileURLToPath(new URL('../src/main.ts', import.meta.url)), {
      DATABASE_URL: inject('databaseUrl'),
      API_PORT: String(port),
      PROBITY_SERVICE_TOKEN_SECRET: 'p'.repeat(40),
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
    });
    expect(await api.waitUntilReady(`http://127.0.0.1:${port}/healthz`), api.output()).toBe(true);
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'process-test-request-1', authorization: 'Bearer nope' },
      body: '{"query":"{ me { name } }"}',
    });
    expect(res.status).toBe(401);
    api.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    const lines = api
      .output()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ requestId: 'process-test-request-1', status: 401, path: '/graphql', service: 'probity-api' }),
    );
    expect(lines.map((l) => l.msg)).toContain('shutting down');
    expect(api.output()).not.toContain('Bearer nope');
  }, 60_000);
});
