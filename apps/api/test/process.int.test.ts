// The API as a process: structured JSON logs carrying the request id, and a clean exit on SIGTERM.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, inject } from 'vitest';
import { freePort } from '@probity/db/testing';

describe('API process', () => {
  it('logs JSON lines with the request id and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../src/main.ts', import.meta.url))], {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl'), API_PORT: String(port), PROBITY_SERVICE_TOKEN_SECRET: 'p'.repeat(40), LOG_LEVEL: 'info', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 30_000;
    let ready = false;
    while (!ready && Date.now() < deadline) {
      ready = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (!ready) await new Promise((r) => setTimeout(r, 300));
    }
    expect(ready, output).toBe(true);
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'process-test-request-1', authorization: 'Bearer nope' },
      body: '{"query":"{ me { name } }"}',
    });
    expect(res.status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = output.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ requestId: 'process-test-request-1', status: 401, path: '/graphql', service: 'probity-api' }));
    expect(lines.map((l) => l.msg)).toContain('shutting down');
    expect(output).not.toContain('Bearer nope');
  }, 60_000);
});
