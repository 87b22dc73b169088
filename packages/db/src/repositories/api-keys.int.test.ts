import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, prismaOf, type Database } from '../client.ts';
import { createTenantFixture, type TenantFixture } from '../testing/tenant-fixture.ts';
import type { TenantScope } from '../scope.ts';
import { createApiKey, listApiKeys, resolveApiKey, revokeApiKey } from './api-keys.ts';
import { listAuditLog } from './audit.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'keys', exposures: 1 });
  scope = { organizationId: t.organizationId, actor: { kind: 'user', userId: t.users.ADMIN.id } };
});
afterAll(async () => db.close());

describe('API keys', () => {
  it('stores only a hash, resolves the live key, and stops resolving it once revoked', async () => {
    const { apiKey, key } = await createApiKey(db, scope, { name: 'Reporting', scopes: ['READ'] });
    const stored = await prismaOf(db).apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(key.slice(12));
    expect(await resolveApiKey(db, key)).toEqual({
      apiKeyId: apiKey.id,
      organizationId: t.organizationId,
      scopes: ['READ'],
      expiresAt: null,
      creatorRole: 'ADMIN',
    });
    expect(await resolveApiKey(db, `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    await revokeApiKey(db, scope, apiKey.id);
    expect(await resolveApiKey(db, key)).toBeNull();
    const actions = (await listAuditLog(db, scope, { first: 10, filter: { entityId: apiKey.id } })).nodes.map((n) => n.action);
    expect(actions).toEqual(['apiKey.revoke', 'apiKey.create']);
    expect(JSON.stringify((await listAuditLog(db, scope, { first: 10, filter: { entityId: apiKey.id } })).nodes)).not.toContain(
      'secretHash',
    );
  });

  it('does not resolve an expired key and refuses expiry in the past', async () => {
    const soon = new Date(Date.now() + 60_000);
    const { key } = await createApiKey(db, scope, { name: 'Short-lived', scopes: ['READ'], expiresAt: soon });
    expect(await resolveApiKey(db, key)).not.toBeNull();
    expect(await resolveApiKey(db, key, new Date(soon.getTime() + 1))).toBeNull();
    await expect(createApiKey(db, scope, { name: 'Old', scopes: ['READ'], expiresAt: new Date(Date.now() - 1000) })).rejects.toThrow(
      /input.expiresAt/,
    );
    await expect(createApiKey(db, scope, { name: 'None', scopes: [] })).rejects.toThrow(/input.scopes/);
  });

  it('keeps keys per organization', async () => {
    const other = await createTenantFixture(inject('databaseUrl'), { label: 'keys-other', exposures: 1 });
    const otherScope: TenantScope = { organizationId: other.organizationId, actor: { kind: 'user', userId: other.users.ADMIN.id } };
    const { apiKey } = await createApiKey(db, scope, { name: 'Mine', scopes: ['ADMIN'] });
    expect((await listApiKeys(db, otherScope)).nodes.map((k) => k.id)).not.toContain(apiKey.id);
    await expect(revokeApiKey(db, otherScope, apiKey.id)).rejects.toThrow('ApiKey not found');
  });

  it('pages through keys newest first, each exactly once, forwards and backwards', async () => {
    const fresh = await createTenantFixture(inject('databaseUrl'), { label: 'keys-paging', exposures: 1 });
    const admin: TenantScope = { organizationId: fresh.organizationId, actor: { kind: 'user', userId: fresh.users.ADMIN.id } };
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) created.push((await createApiKey(db, admin, { name: `Key ${i}`, scopes: ['READ'] })).apiKey.id);
    const newestFirst = [...created].reverse();

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await listApiKeys(db, admin, { first: 2, after });
      expect(page.totalCount).toBe(5);
      seen.push(...page.nodes.map((k) => k.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(newestFirst);

    const oldestTwo = await listApiKeys(db, admin, { last: 2 });
    expect(oldestTwo.nodes.map((k) => k.id)).toEqual(newestFirst.slice(3));
    const before = await listApiKeys(db, admin, { last: 2, before: oldestTwo.pageInfo.startCursor });
    expect(before.nodes.map((k) => k.id)).toEqual(newestFirst.slice(1, 3));
    expect(before.pageInfo.hasPreviousPage).toBe(true);
  });
});
