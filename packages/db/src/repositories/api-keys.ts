// API keys: created and revoked by admins (audited), resolved by the API on every keyed request. A key
// acts as the person who created it (a key created by a key, as that key's person): it works only while
// they are an enabled member of its organization, and never above their role (@probity/auth roleForKey).
import { apiKeyMatches, apiKeyPrefix, generateApiKey, API_KEY_SCOPES, type ApiKeyScope, type Role } from '@probity/auth';
import { prismaOf, type Database } from '../client.ts';
import type { ApiKey } from '../domain/entities.ts';
import { toApiKey } from '../domain/from-rows.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { isUuid, validUuids } from '../ids.ts';
import { creationOrder, mapNodes, resolvePage, toConnection, type Connection, type PageArgs } from '../pagination.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { recordAudit } from './audit.ts';
import { TEXT_LIMITS } from '../domain/limits.ts';
import { checkInstant, text } from '../validate.ts';
import { actingPerson } from '../models/identity.ts';

// Whether each key's creator may still act in its organization (see resolveApiKey).
const CREATOR = (organizationId: string) => ({
  createdBy: { select: { disabled: true, memberships: { where: { organizationId }, select: { disabled: true } } } },
});
type WithCreator = Parameters<typeof toApiKey>[0] & {
  createdBy: { disabled: boolean; memberships: { disabled: boolean }[] } | null;
};
function toListedKey(row: WithCreator): ApiKey {
  const creatorActive = creatorMayAct(row.createdById, row.createdBy, row.createdBy?.memberships[0]);
  const { createdBy: _creator, ...key } = row;
  return { ...toApiKey(key), creatorActive };
}

/** No creator recorded, or an enabled user with an enabled membership in the key's organization. */
function creatorMayAct(
  createdById: string | null,
  creator: { disabled: boolean } | null,
  membership: { disabled: boolean } | undefined,
): boolean {
  return !createdById || (!!creator && !creator.disabled && !!membership && !membership.disabled);
}

/** The organization's keys, newest first (revoked and expired ones included). */
export async function listApiKeys(db: Database, scope: TenantScope, args: PageArgs = {}): Promise<Connection<ApiKey>> {
  const page = resolvePage(args, 50);
  const order = creationOrder(page, 'desc');
  const where = { organizationId: scope.organizationId };
  return withTenant(db, scope, async (tx) => {
    const [rows, total] = await Promise.all([
      tx.apiKey.findMany({
        where: { AND: [where, order.where] },
        orderBy: order.orderBy,
        take: page.take,
        include: CREATOR(scope.organizationId),
      }),
      tx.apiKey.count({ where }),
    ]);
    return mapNodes(toConnection(rows, page, order.cursorOf, total), toListedKey);
  });
}

export async function apiKeysByIds(db: Database, scope: TenantScope, ids: readonly string[]): Promise<(ApiKey | null)[]> {
  const rows = await withTenant(db, scope, (tx) =>
    tx.apiKey.findMany({
      where: { organizationId: scope.organizationId, id: { in: validUuids(ids) } },
      include: CREATOR(scope.organizationId),
    }),
  );
  const byId = new Map(rows.map((row) => [row.id, toListedKey(row)]));
  return ids.map((id) => byId.get(id) ?? null);
}

export interface CreateApiKeyInput {
  name: string;
  scopes: ApiKeyScope[];
  expiresAt?: Date | null;
}

/** Creates a key; the returned `key` string is the only time the secret exists outside the caller. */
export async function createApiKey(
  db: Database,
  scope: TenantScope,
  input: CreateApiKeyInput,
  now = new Date(),
): Promise<{ apiKey: ApiKey; key: string }> {
  const name = text('input.name', input.name, { min: 1, max: TEXT_LIMITS.apiKeyName });
  if (input.expiresAt) checkInstant('input.expiresAt', input.expiresAt);
  if (input.scopes.length === 0) throw new InputError('input.scopes', 'must name at least one scope');
  for (const s of input.scopes) if (!API_KEY_SCOPES.includes(s)) throw new InputError('input.scopes', `unknown scope ${String(s)}`);
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) throw new InputError('input.expiresAt', 'must be in the future');
  const generated = generateApiKey();
  const apiKey = await withTenant(db, scope, async (tx) => {
    const { userId: createdById } = await actingPerson(tx, scope);
    const created = toApiKey(
      await tx.apiKey.create({
        data: {
          organizationId: scope.organizationId,
          name,
          scopes: [...new Set(input.scopes)],
          prefix: generated.prefix,
          secretHash: generated.secretHash,
          createdById,
          expiresAt: input.expiresAt ?? null,
        },
      }),
    );
    await recordAudit(tx, scope, { action: 'apiKey.create', entityType: 'ApiKey', entityId: created.id, after: created });
    return created;
  });
  return { apiKey, key: generated.key };
}

export async function revokeApiKey(db: Database, scope: TenantScope, id: string, now = new Date()): Promise<ApiKey> {
  if (!isUuid(id)) throw new NotFoundError('ApiKey');
  return withTenant(db, scope, async (tx) => {
    const row = await tx.apiKey.findFirst({ where: { id, organizationId: scope.organizationId } });
    if (!row) throw new NotFoundError('ApiKey');
    const before = toApiKey(row);
    if (before.revokedAt) return before; // revoking twice is a no-op, not an error
    const after = toApiKey(await tx.apiKey.update({ where: { id }, data: { revokedAt: now } }));
    await recordAudit(tx, scope, { action: 'apiKey.revoke', entityType: 'ApiKey', entityId: id, before, after });
    return after;
  });
}

export interface ResolvedApiKey {
  apiKeyId: string;
  organizationId: string;
  scopes: ApiKeyScope[];
  expiresAt: Date | null;
  /** The creator's role in the key's organization; null for a key with no person behind it. */
  creatorRole: Role | null;
}

// lastUsedAt is informational; writing it on every request would turn each read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

/** The key a presented secret belongs to, if it is live (not revoked, not expired). System access. */
export async function resolveApiKey(db: Database, presented: string, now = new Date()): Promise<ResolvedApiKey | null> {
  const prefix = apiKeyPrefix(presented);
  if (!prefix) return null;
  const key = await prismaOf(db).apiKey.findUnique({
    where: { prefix },
    include: { createdBy: { select: { disabled: true, memberships: { select: { organizationId: true, role: true, disabled: true } } } } },
  });
  if (!key || !apiKeyMatches(presented, key.secretHash)) return null;
  if (key.revokedAt && key.revokedAt.getTime() <= now.getTime()) return null;
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return null;
  // Its person disabled, removed from the organization or disabled in it: the key ends with their access.
  const membership = key.createdBy?.memberships.find((m) => m.organizationId === key.organizationId);
  if (!creatorMayAct(key.createdById, key.createdBy, membership)) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prismaOf(db).apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  return {
    apiKeyId: key.id,
    organizationId: key.organizationId,
    scopes: key.scopes,
    expiresAt: key.expiresAt,
    creatorRole: membership?.role ?? null,
  };
}
