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
    expect(await resolveApiKey(db, key)).toEqual({ apiKeyId: apiKey.id, organizationId: t.organizationId, scopes: ['READ'] });
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
    expect((await listApiKeys(db, otherScope)).map((k) => k.id)).not.toContain(apiKey.id);
    await expect(revokeApiKey(db, otherScope, apiKey.id)).rejects.toThrow('ApiKey not found');
  });
});
