// Credentials are cached per API process, yet revoking a key or removing a member takes effect on
// every process within a second: two real API processes on one database, a key and a user warmed
// into both caches, the change made through one process (or straight in SQL), and the other polled.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { apiKeyPrefix, signServiceToken } from '@probity/auth';
import { createApiKey, createDatabase, type Database } from '@probity/db';
import { msUntil, startApiProcesses, type ApiProcesses } from './api-processes.ts';
import { SERVICE_SECRET, tenantWithKeys, type TenantWithKeys } from './harness.ts';

const QUERY = '{ portfolios { totalCount } }';

async function status(base: string, credential: string): Promise<number> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
    body: JSON.stringify({ query: QUERY }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Milliseconds until `credential` is refused by `base` (polled every 25 ms, up to 5 s). */
const msUntilRefused = (base: string, credential: string, since: number) =>
  msUntil(async () => (await status(base, credential)) === 401, since, 25);

async function metric(base: string, line: RegExp): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => line.test(l))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

describe('credential cache across API processes', () => {
  let db: Database;
  let tenant: TenantWithKeys;
  let apis: ApiProcesses;

  beforeAll(async () => {
    db = createDatabase({ connectionString: inject('databaseUrl') });
    tenant = await tenantWithKeys(db, 'revoke');
    apis = await startApiProcesses(2, { API_CREDENTIAL_CACHE_TTL_MS: '60000' });
  }, 120_000);

  afterAll(async () => {
    await apis?.stop();
    await db.close();
  });

  const newKey = async () =>
    (
      await createApiKey(
        db,
        { organizationId: tenant.organizationId, actor: { kind: 'system', name: 'test' } },
        { name: 'doomed', scopes: ['READ'] },
      )
    ).key;

  it('serves a warmed key from the cache, and a key revoked through one process is refused by both within a second', async () => {
    const key = await newKey();
    const [a, b] = apis.bases as [string, string];
    for (const base of [a, b]) expect(await status(base, key)).toBe(200);
    const hitsBefore = await metric(b, /^probity_credential_lookups_total\{.*result="hit"/);
    for (let i = 0; i < 5; i += 1) expect(await status(b, key)).toBe(200);
    expect(await metric(b, /^probity_credential_lookups_total\{.*result="hit"/)).toBeGreaterThanOrEqual(hitsBefore + 5);

    const id = (
      (await (
        await fetch(`${a}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.keys.admin}` },
          body: JSON.stringify({ query: '{ apiKeys(first: 50) { nodes { id name } } }' }),
        })
      ).json()) as { data: { apiKeys: { nodes: { id: string; name: string }[] } } }
    ).data.apiKeys.nodes.find((k) => k.name === 'doomed')!.id;
    const revoke = await fetch(`${a}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.keys.admin}` },
      body: JSON.stringify({ query: 'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', variables: { id } }),
    });
    expect(revoke.status).toBe(200);
    const since = Date.now();
    const [onA, onB] = await Promise.all([msUntilRefused(a, key, since), msUntilRefused(b, key, since)]);
    expect(onA).toBeLessThan(1_000);
    expect(onB).toBeLessThan(1_000);
  });

  it('a key revoked in SQL, outside any API process, is refused by both within a second', async () => {
    const key = await newKey();
    for (const base of apis.bases) {
      expect(await status(base, key)).toBe(200);
      expect(await status(base, key)).toBe(200);
    }
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    await client.query('UPDATE api_keys SET revoked_at = now() WHERE prefix = $1', [apiKeyPrefix(key)]);
    await client.end();
    const since = Date.now();
    const times = await Promise.all(apis.bases.map((base) => msUntilRefused(base, key, since)));
    for (const ms of times) expect(ms).toBeLessThan(1_000);
  });

  it('a removed member and a disabled user lose access on both processes within a second', async () => {
    const token = await signServiceToken({ userId: tenant.users.ANALYST.id, organizationId: tenant.organizationId }, SERVICE_SECRET, 60);
    const viewerToken = await signServiceToken(
      { userId: tenant.users.VIEWER.id, organizationId: tenant.organizationId },
      SERVICE_SECRET,
      60,
    );
    for (const base of apis.bases) {
      expect(await status(base, token)).toBe(200);
      expect(await status(base, viewerToken)).toBe(200);
    }
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    await client.query('DELETE FROM memberships WHERE user_id = $1', [tenant.users.ANALYST.id]);
    await client.query('UPDATE users SET disabled = true WHERE id = $1', [tenant.users.VIEWER.id]);
    await client.end();
    const since = Date.now();
    const times = await Promise.all(
      apis.bases.flatMap((base) => [msUntilRefused(base, token, since), msUntilRefused(base, viewerToken, since)]),
    );
    for (const ms of times) expect(ms).toBeLessThan(1_000);
  });
});
