// PostgreSQL stopped and started again under a steady load of reads and writes. A private PostgreSQL
// (embedded, started by this test: never the shared server): /readyz reports not ready during the
// outage, requests fail fast with 503 SERVICE_UNAVAILABLE instead of hanging, the API serves again
// within 5 s of the database, and every write the API acknowledged is in the database afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createApiKey, createDatabase, type Database } from '@probity/db';
import {
  createFreshDatabase,
  createTenantFixture,
  startRestartableServer,
  type RestartableServer,
  type TenantFixture,
} from '@probity/db/testing';
import { createLogger } from '@probity/logging';
import { readEnv } from '../src/env.ts';
import { startApi, type RunningApi } from '../src/app.ts';

interface Outcome {
  kind: 'read' | 'write';
  name?: string;
  startedAt: number;
  ms: number;
  status: number;
  code?: string;
  acknowledged: boolean;
}

describe('PostgreSQL outage under load', () => {
  let server: RestartableServer;
  let databaseUrl: string;
  let db: Database;
  let api: RunningApi;
  let tenant: TenantFixture;
  let key: string;

  beforeAll(async () => {
    server = await startRestartableServer('outage');
    databaseUrl = (await createFreshDatabase(server.url, 'outage')).url;
    tenant = await createTenantFixture(databaseUrl, { label: 'outage', exposures: 5 });
    db = createDatabase({ connectionString: databaseUrl, poolSize: 2 });
    key = (
      await createApiKey(
        db,
        { organizationId: tenant.organizationId, actor: { kind: 'system', name: 'test' } },
        { name: 'load', scopes: ['ADMIN'] },
      )
    ).key;
    const env = readEnv({
      DATABASE_URL: databaseUrl,
      API_PORT: '0',
      PROBITY_SERVICE_TOKEN_SECRET: 'outage-service-token-secret-0123456789',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      API_DB_POOL_SIZE: '4',
    });
    api = await startApi(env, { log: createLogger('api-outage', 'silent') });
  }, 180_000);

  afterAll(async () => {
    await api?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await server?.remove();
  }, 60_000);

  async function call(kind: 'read' | 'write', n: number): Promise<Outcome> {
    const name = kind === 'write' ? `Outage book ${n}` : undefined;
    const query =
      kind === 'write'
        ? { query: 'mutation($name: String!) { createPortfolio(input: { name: $name }) { id name } }', variables: { name } }
        : { query: '{ portfolios(first: 5) { totalCount } }' };
    const startedAt = Date.now();
    try {
      const res = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(query),
        signal: AbortSignal.timeout(20_000),
      });
      const body = (await res.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
      const acknowledged = res.status === 200 && !body.errors && Boolean(body.data);
      return {
        kind,
        name,
        startedAt,
        ms: Date.now() - startedAt,
        status: res.status,
        code: body.errors?.[0]?.extensions?.code,
        acknowledged,
      };
    } catch (error) {
      return { kind, name, startedAt, ms: Date.now() - startedAt, status: 0, code: (error as Error).name, acknowledged: false };
    }
  }

  it('fails fast while PostgreSQL is down, recovers within 5 s of it, and loses no acknowledged write', async () => {
    const outcomes: Outcome[] = [];
    const readiness: { at: number; status: number }[] = [];
    let running = true;
    let counter = 0;
    // Four clients, each alternating a write and a read, without pause.
    const clients = Array.from({ length: 4 }, async () => {
      while (running) {
        counter += 1;
        outcomes.push(await call(counter % 2 === 0 ? 'write' : 'read', counter));
      }
    });
    const probe = (async () => {
      while (running) {
        const res = await fetch(api.url.replace('/graphql', '/readyz')).catch(() => null);
        readiness.push({ at: Date.now(), status: res?.status ?? 0 });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    await new Promise((r) => setTimeout(r, 3_000));
    const downAt = Date.now();
    await server.stop();
    const stoppedAt = Date.now();
    await new Promise((r) => setTimeout(r, 3_000));
    const restartAt = Date.now();
    await server.start();
    const upAt = Date.now();
    await new Promise((r) => setTimeout(r, 6_000));
    running = false;
    await Promise.all([...clients, probe]);

    const during = outcomes.filter((o) => o.startedAt >= stoppedAt && o.startedAt < restartAt);
    const after = outcomes.filter((o) => o.startedAt >= upAt);
    const firstOkAfter = after.find((o) => o.acknowledged);
    const acknowledgedWrites = outcomes.filter((o) => o.kind === 'write' && o.acknowledged).map((o) => o.name!);
    const report = {
      requests: outcomes.length,
      duringOutage: during.length,
      duringCodes: [...new Set(during.map((o) => `${o.status} ${o.code ?? ''}`))],
      slowestDuringOutageMs: Math.max(0, ...during.map((o) => o.ms)),
      stopTookMs: stoppedAt - downAt,
      restartTookMs: upAt - restartAt,
      recoveredAfterMs: firstOkAfter ? firstOkAfter.startedAt + firstOkAfter.ms - upAt : null,
      acknowledgedWrites: acknowledgedWrites.length,
    };
    console.log(JSON.stringify(report));

    // Load was steady before the outage.
    expect(outcomes.filter((o) => o.startedAt < downAt && o.acknowledged).length, JSON.stringify(report)).toBeGreaterThan(2);
    // During the outage: refused quickly and clearly, never hung, never an internal error.
    expect(during.length, JSON.stringify(report)).toBeGreaterThan(3);
    for (const o of during) {
      expect(o.acknowledged).toBe(false);
      expect(o.status, JSON.stringify(o)).toBe(503);
      expect(o.code).toBe('SERVICE_UNAVAILABLE');
      expect(o.ms, JSON.stringify(o)).toBeLessThan(3_000);
    }
    expect(readiness.some((r) => r.at >= stoppedAt && r.at < restartAt && r.status === 503)).toBe(true);
    // Back within 5 s of the database, and ready again.
    expect(report.recoveredAfterMs).not.toBeNull();
    expect(report.recoveredAfterMs!).toBeLessThan(5_000);
    expect(after.filter((o) => o.startedAt > upAt + 5_000 && !o.acknowledged).map((o) => JSON.stringify(o))).toEqual([]);
    expect(readiness.at(-1)?.status).toBe(200);

    // Every acknowledged write is in the database.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ name: string }>('SELECT name FROM portfolios WHERE organization_id = $1', [
      tenant.organizationId,
    ]);
    await client.end();
    const stored = new Set(rows.map((r) => r.name));
    expect(acknowledgedWrites.length).toBeGreaterThan(5);
    expect(acknowledgedWrites.filter((name) => !stored.has(name))).toEqual([]);
  }, 120_000);
});
