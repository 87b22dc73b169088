// The audit trail: one row per mutation, written in the same transaction as the change it records.
import type { Database, TransactionClient } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { AuditEntry } from '../domain/entities.ts';
import { toAuditEntry } from '../domain/from-rows.ts';
import { resolvePage, toConnection, type Connection, type PageArgs } from '../pagination.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { TEXT_LIMITS } from '../domain/limits.ts';
import { checkInstant, optionalText, uuid } from '../validate.ts';

/** What a mutation records: the entity's domain view before and after the change. */
export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** JSON-safe copy: Date and BigInt become strings, decimals already are (domain types). */
function snapshot(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return JSON.parse(text) as Prisma.InputJsonValue;
}

export async function recordAudit(tx: TransactionClient, scope: TenantScope, entry: AuditRecord): Promise<void> {
  await tx.auditLog.create({
    data: {
      organizationId: scope.organizationId,
      actorUserId: scope.actor.kind === 'user' ? scope.actor.userId : null,
      actorApiKeyId: scope.actor.kind === 'apiKey' ? scope.actor.apiKeyId : null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
      requestId: scope.requestId ?? null,
    },
  });
}

export interface AuditFilter {
  action?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  actorUserId?: string | null;
  since?: Date | null;
  until?: Date | null;
}

export async function listAuditLog(
  db: Database,
  scope: TenantScope,
  args: PageArgs & { filter?: AuditFilter | null },
): Promise<Connection<AuditEntry>> {
  const page = resolvePage(args, 50);
  const raw = args.filter ?? {};
  const filterText = (name: 'action' | 'entityType' | 'entityId') => optionalText(`filter.${name}`, raw[name], { max: TEXT_LIMITS.filter });
  const f = {
    action: filterText('action'),
    entityType: filterText('entityType'),
    entityId: filterText('entityId'),
    actorUserId: raw.actorUserId ? uuid('filter.actorUserId', raw.actorUserId) : null,
    since: raw.since ? checkInstant('filter.since', raw.since) : null,
    until: raw.until ? checkInstant('filter.until', raw.until) : null,
  };
  const where: Prisma.AuditLogWhereInput = {
    organizationId: scope.organizationId,
    ...(f.action ? { action: f.action } : {}),
    ...(f.entityType ? { entityType: f.entityType } : {}),
    ...(f.entityId ? { entityId: f.entityId } : {}),
    ...(f.actorUserId ? { actorUserId: f.actorUserId } : {}),
    ...(f.since || f.until ? { createdAt: { ...(f.since ? { gte: f.since } : {}), ...(f.until ? { lt: f.until } : {}) } } : {}),
  };
  // Newest first; ids are UUIDv7 (time-ordered), so the id alone is a stable keyset.
  const descending = !page.backward;
  const cursorWhere: Prisma.AuditLogWhereInput = page.cursor ? { id: descending ? { lt: page.cursor.id } : { gt: page.cursor.id } } : {};
  return withTenant(db, scope, async (tx) => {
    const [rows, total] = await Promise.all([
      tx.auditLog.findMany({ where: { AND: [where, cursorWhere] }, orderBy: { id: descending ? 'desc' : 'asc' }, take: page.take }),
      tx.auditLog.count({ where }),
    ]);
    return toConnection(rows.map(toAuditEntry), page, (row) => ({ v: null, id: row.id }), total);
  });
}
