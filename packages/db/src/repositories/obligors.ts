import type { Database } from '../client.ts';
import type { Obligor, ObligorTotals } from '../domain/entities.ts';
import { money, ratio } from '../decimal.ts';
import type { Prisma } from '../generated/prisma/client.ts';
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

/** Each obligor's figures over all its exposures, in the order of `obligorIds` (zeros when it has none). */
export async function obligorTotalsByIds(db: Database, scope: TenantScope, obligorIds: readonly string[]): Promise<ObligorTotals[]> {
  const ids = validUuids(obligorIds);
  const rows = await withTenant(
    db,
    scope,
    (tx) =>
      tx.$queryRaw<
        {
          obligor_id: string;
          exposure_count: bigint;
          portfolio_count: bigint;
          total_ead: Prisma.Decimal;
          total_limit: Prisma.Decimal;
          max_dpd: number;
          currencies: string[];
        }[]
      >`
      SELECT e.obligor_id, count(*) AS exposure_count, count(DISTINCT e.portfolio_id) AS portfolio_count,
             sum(e.ead)::numeric(38,2) AS total_ead, sum(e."limit")::numeric(38,2) AS total_limit,
             max(e.days_past_due) AS max_dpd, array_agg(DISTINCT e.currency::text ORDER BY e.currency::text) AS currencies
        FROM exposures e
       WHERE e.organization_id = ${scope.organizationId}::uuid AND e.obligor_id = ANY(${ids}::uuid[])
       GROUP BY e.obligor_id`,
  );
  const byId = new Map(
    rows.map((r) => [
      r.obligor_id,
      {
        exposureCount: Number(r.exposure_count),
        portfolioCount: Number(r.portfolio_count),
        totalEad: money(r.total_ead),
        totalLimit: money(r.total_limit),
        utilisation: ratio(r.total_ead, r.total_limit),
        maxDaysPastDue: r.max_dpd,
        currencies: r.currencies,
      },
    ]),
  );
  const none: ObligorTotals = {
    exposureCount: 0,
    portfolioCount: 0,
    totalEad: money(0),
    totalLimit: money(0),
    utilisation: null,
    maxDaysPastDue: 0,
    currencies: [],
  };
  return obligorIds.map((id) => byId.get(id) ?? none);
}
