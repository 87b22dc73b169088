import type { Database } from '../client.ts';
import type { Obligor, ObligorTotals } from '../domain/entities.ts';
import { money } from '../decimal.ts';
import { toObligor } from '../domain/from-rows.ts';
import { validUuids } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';

/** Obligors in the order of `ids`; null where missing or another organization's. */
export async function obligorsByIds(db: Database, scope: TenantScope, ids: readonly string[]): Promise<(Obligor | null)[]> {
  const rows = await withTenant(db, scope, (tx) =>
    tx.obligor.findMany({ where: { organizationId: scope.organizationId, id: { in: validUuids(ids) } } }),
  );
  const byId = new Map(rows.map((row) => [row.id, toObligor(row)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Exposure count and total EAD of each obligor (across portfolios), in the order of `obligorIds`. */
export async function obligorTotalsByIds(db: Database, scope: TenantScope, obligorIds: readonly string[]): Promise<ObligorTotals[]> {
  const groups = await withTenant(db, scope, (tx) =>
    tx.exposure.groupBy({
      by: ['obligorId'],
      where: { organizationId: scope.organizationId, obligorId: { in: validUuids(obligorIds) } },
      _count: { _all: true },
      _sum: { ead: true },
    }),
  );
  const byId = new Map(groups.map((g) => [g.obligorId, { exposureCount: g._count._all, totalEad: money(g._sum.ead ?? 0) }]));
  return obligorIds.map((id) => byId.get(id) ?? { exposureCount: 0, totalEad: money(0) });
}
