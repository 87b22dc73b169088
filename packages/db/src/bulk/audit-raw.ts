// recordAudit() for code on a plain pg connection (the bulk paths): the same row, same transaction.
import type pg from 'pg';
import type { TenantScope } from '../scope.ts';

export async function recordAuditRaw(
  client: pg.ClientBase,
  scope: TenantScope,
  entry: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown },
): Promise<void> {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  await client.query(
    `INSERT INTO audit_logs (id, organization_id, actor_user_id, actor_api_key_id, action, entity_type, entity_id, before, after, request_id)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`,
    [
      scope.organizationId,
      scope.actor.kind === 'user' ? scope.actor.userId : null,
      scope.actor.kind === 'apiKey' ? scope.actor.apiKeyId : null,
      entry.action,
      entry.entityType,
      entry.entityId,
      json(entry.before),
      json(entry.after),
      scope.requestId ?? null,
    ],
  );
}
