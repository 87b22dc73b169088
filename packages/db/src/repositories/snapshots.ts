// Daily portfolio snapshots. Taking one is idempotent per portfolio and day: a re-run replaces that
// day's figures instead of adding a row.
import type { Database } from '../client.ts';
import type { PortfolioSnapshot } from '../generated/prisma/client.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';

export async function listSnapshots(
  db: Database,
  scope: TenantScope,
  portfolioId: string,
  range: { from?: Date | null; to?: Date | null } = {},
): Promise<PortfolioSnapshot[]> {
  if (!isUuid(portfolioId)) return [];
  return withTenant(db, scope, (tx) =>
    tx.portfolioSnapshot.findMany({
      where: {
        organizationId: scope.organizationId,
        portfolioId,
        ...(range.from || range.to ? { asOf: { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lte: range.to } : {}) } } : {}),
      },
      orderBy: { asOf: 'asc' },
      take: 2000,
    }),
  );
}

/** The UTC calendar day of an instant, as the DATE the snapshot row stores. */
export function utcDay(instant: Date): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

/** Snapshots every portfolio of one organization for `asOf`'s day. Returns the number of portfolios. */
export async function snapshotOrganization(db: Database, scope: TenantScope, asOf: Date): Promise<number> {
  const day = utcDay(asOf);
  return withTenant(db, scope, async (tx) => {
    const written = await tx.$executeRaw`
      INSERT INTO portfolio_snapshots AS s
        (id, organization_id, portfolio_id, as_of, exposure_count, obligor_count, total_ead, total_limit,
         total_loss_given_default, defaulted_count, defaulted_ead)
      SELECT gen_random_uuid(), p.organization_id, p.id, ${day}::date,
             count(e.id), count(DISTINCT e.obligor_id),
             coalesce(sum(e.ead), 0), coalesce(sum(e."limit"), 0), coalesce(sum(e.ead * e.lgd), 0),
             count(e.id) FILTER (WHERE e.status = 'DEFAULTED'),
             coalesce(sum(e.ead) FILTER (WHERE e.status = 'DEFAULTED'), 0)
        FROM portfolios p
        LEFT JOIN exposures e ON e.portfolio_id = p.id
       WHERE p.organization_id = ${scope.organizationId}::uuid
       GROUP BY p.organization_id, p.id
      ON CONFLICT (portfolio_id, as_of) DO UPDATE SET
        exposure_count = EXCLUDED.exposure_count,
        obligor_count = EXCLUDED.obligor_count,
        total_ead = EXCLUDED.total_ead,
        total_limit = EXCLUDED.total_limit,
        total_loss_given_default = EXCLUDED.total_loss_given_default,
        defaulted_count = EXCLUDED.defaulted_count,
        defaulted_ead = EXCLUDED.defaulted_ead,
        created_at = now()`;
    return written;
  });
}

/** Ids of every organization, for jobs that walk all tenants (system access, not row-level filtered). */
export async function allOrganizationIds(db: Database): Promise<string[]> {
  const rows = await db.prisma.organization.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  return rows.map((row) => row.id);
}
