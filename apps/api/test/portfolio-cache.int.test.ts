// Portfolio rows are cached per API process (context/portfolio-cache.ts), so a warmed summary query
// costs no database round trip at all; yet tenancy holds (another organization never gets a cached
// row), the process that writes reads its own write at once, and a change made through another process
// or straight in SQL shows on every process within a second.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createDatabase, type Database } from '@probity/db';
import { msUntil, startApiProcesses, type ApiProcesses } from './api-processes.ts';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

const SUMMARY = 'query($id: ID!) { portfolio(id: $id) { name summary { totalEad } } }';
const FIRST_EXPOSURE = 'query($id: ID!) { portfolio(id: $id) { exposures(first: 1) { nodes { id ead } } } }';
const UPDATE = 'mutation($id: ID!, $ead: Decimal!) { updateExposure(id: $id, input: { ead: $ead }) { id } }';

type SummaryAnswer = { portfolio: { name: string; summary: { totalEad: string } } | null };

async function post<T>(base: string, key: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`${res.status}: ${JSON.stringify(body)}`);
  return body.data;
}

/** Milliseconds until `read` returns `expected` (polled every 20 ms, up to 5 s). */
const msUntilEqual = (read: () => Promise<unknown>, expected: unknown, since: number) =>
  msUntil(async () => JSON.stringify(await read()) === JSON.stringify(expected), since, 20);

describe('portfolio cache in one process', () => {
  let h: Harness;
  let a: TenantWithKeys;
  let b: TenantWithKeys;
  beforeAll(async () => {
    h = await startHarness({}, { countStatements: true });
    [a, b] = await Promise.all([tenantWithKeys(h.db, 'pcache-a', 5), tenantWithKeys(h.db, 'pcache-b', 5)]);
  });
  afterAll(async () => h.close());

  it('answers a warmed summary without any statement, and never hands the row to another tenant', async () => {
    const warm = await h.call<SummaryAnswer>(SUMMARY, { id: a.portfolioId }, a.keys.read);
    expect(warm.body.data?.portfolio?.summary.totalEad).toBeDefined();
    h.statements.length = 0;
    const again = await h.call<SummaryAnswer>(SUMMARY, { id: a.portfolioId }, a.keys.read);
    expect(again.body.data).toEqual(warm.body.data);
    expect(h.statements).toEqual([]);

    // Tenant B asks for A's (cached) portfolio: its own RLS-scoped read runs, and finds nothing.
    const stranger = await h.call<SummaryAnswer>(SUMMARY, { id: a.portfolioId }, b.keys.read);
    expect(stranger.body).toEqual({ data: { portfolio: null } });
    expect(h.statements.some((s) => /FROM portfolios/.test(s))).toBe(true);
  });

  it('reads its own write at once: the next summary after a mutation reflects it', async () => {
    const before = (await h.call<SummaryAnswer>(SUMMARY, { id: a.portfolioId }, a.keys.write)).body.data!.portfolio!.summary.totalEad;
    const page = await h.call<{ portfolio: { exposures: { nodes: { id: string; ead: string }[] } } }>(
      FIRST_EXPOSURE,
      { id: a.portfolioId },
      a.keys.write,
    );
    const exposure = page.body.data!.portfolio.exposures.nodes[0]!;
    const updated = await h.call(UPDATE, { id: exposure.id, ead: '1.00' }, a.keys.write);
    expect(updated.body.errors).toBeUndefined();
    const after = (await h.call<SummaryAnswer>(SUMMARY, { id: a.portfolioId }, a.keys.write)).body.data!.portfolio!.summary.totalEad;
    expect(Number(after)).toBeCloseTo(Number(before) - Number(exposure.ead) + 1, 2);
  });
});

describe('portfolio cache across API processes', () => {
  let db: Database;
  let t: TenantWithKeys;
  let apis: ApiProcesses;

  beforeAll(async () => {
    db = createDatabase({ connectionString: inject('databaseUrl') });
    t = await tenantWithKeys(db, 'pcache-x', 5);
    // A TTL long enough that only a notification can explain a fresh answer within a second.
    apis = await startApiProcesses(2, { API_PORTFOLIO_CACHE_TTL_MS: '60000' });
  }, 120_000);

  afterAll(async () => {
    await apis?.stop();
    await db.close();
  });

  const summary = (base: string) => async () => (await post<SummaryAnswer>(base, t.keys.read, SUMMARY, { id: t.portfolioId })).portfolio;

  it('an exposure edited through one process, then in SQL, and a renamed portfolio show on both within a second', async () => {
    const [a, b] = apis.bases as [string, string];
    for (const base of apis.bases) for (let i = 0; i < 3; i += 1) await summary(base)(); // warm both
    const page = await post<{ portfolio: { exposures: { nodes: { id: string; ead: string }[] } } }>(a, t.keys.write, FIRST_EXPOSURE, {
      id: t.portfolioId,
    });
    const exposure = page.portfolio.exposures.nodes[0]!;
    const before = (await summary(a)())!;

    await post(a, t.keys.write, UPDATE, { id: exposure.id, ead: '2.00' });
    let since = Date.now();
    const viaApi = { ...before, summary: { totalEad: (Number(before.summary.totalEad) - Number(exposure.ead) + 2).toFixed(2) } };
    expect(await summary(a)()).toEqual(viaApi); // the writer's next answer
    expect(await msUntilEqual(summary(b), viaApi, since)).toBeLessThan(1_000);

    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    try {
      await client.query('UPDATE exposures SET ead = 3.00 WHERE id = $1', [exposure.id]);
      since = Date.now();
      const viaSql = { ...before, summary: { totalEad: (Number(viaApi.summary.totalEad) + 1).toFixed(2) } };
      const times = await Promise.all(apis.bases.map((base) => msUntilEqual(summary(base), viaSql, since)));
      for (const ms of times) expect(ms).toBeLessThan(1_000);

      await client.query('UPDATE portfolios SET name = $2 WHERE id = $1', [t.portfolioId, 'renamed in SQL']);
      since = Date.now();
      const renamed = { ...viaSql, name: 'renamed in SQL' };
      const renameTimes = await Promise.all(apis.bases.map((base) => msUntilEqual(summary(base), renamed, since)));
      for (const ms of renameTimes) expect(ms).toBeLessThan(1_000);
    } finally {
      await client.end();
    }
  });
});
