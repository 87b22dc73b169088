import type { Database } from '../client.ts';
import type { Obligor } from '../generated/prisma/client.ts';
import { validUuids } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';

/** Obligors in the order of `ids`; null where missing or another organization's. */
export async function obligorsByIds(db: Database, scope: TenantScope, ids: readonly string[]): Promise<(Obligor | null)[]> {
  const rows = await withTenant(db, scope, (tx) =>
    tx.obligor.findMany({ where: { organizationId: scope.organizationId, id: { in: validUuids(ids) } } }),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}
