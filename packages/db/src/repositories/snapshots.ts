// Daily portfolio snapshots. Taking one is idempotent per portfolio and day: a re-run replaces that
// day's figures instead of adding a row.
import { prismaOf, type Database } from '../client.ts';
import { Prisma, type PortfolioSnapshot as SnapshotRow } from '../generated/prisma/client.ts';
import type { PortfolioSnapshot } from '../domain/portfolio-figures.ts';
import { localDate } from '../domain/from-rows.ts';
import { InputError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { TOTALS_COLUMNS, TOTALS_SELECT, toTotals } from './portfolio-totals.ts';

function toSnapshot(row: SnapshotRow): PortfolioSnapshot {
  return {
    id: row.id,
    portfolioId: row.portfolioId,
    asOf: localDate(row.asOf),
    ...toTotals({
      exposure_count: row.exposureCount,
      obligor_count: row.obligorCount,
      total_ead: row.totalEad,
      total_limit: row.totalLimit,
      total_loss_given_default: row.totalLossGivenDefault,
      defaulted_count: row.defaultedCount,
      defaulted_ead: row.defaultedEad,
    }),
    createdAt: row.createdAt,
  };
}

export async function listSnapshots(
  db: Database,
  scope: TenantScope,
  portfolioId: string,
  range: { from?: Date | null; to?: Date | null } = {},
): Promise<PortfolioSnapshot[]> {
  if (range.from && range.to && range.from.getTime() > range.to.getTime()) throw new InputError('to', 'must be on or after from');
  if (!isUuid(portfolioId)) return [];
  const rows = await withTenant(db, scope, (tx) =>
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
  return rows.map(toSnapshot);
}

/** The UTC calendar day of an instant, as the DATE the snapshot row stores. */
export function utcDay(instant: Date): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

const COLUMNS = Prisma.raw(TOTALS_COLUMNS.join(', '));
const UPDATES = Prisma.raw(TOTALS_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', '));

/** Snapshots every portfolio of one organization for `asOf`'s day. Returns the number of portfolios. */
export async function snapshotOrganization(db: Database, scope: TenantScope, asOf: Date): Promise<number> {
  const day = utcDay(asOf);
  return withTenant(
    db,
    scope,
    (tx) =>
      tx.$executeRaw`
      INSERT INTO portfolio_snapshots AS s (id, organization_id, portfolio_id, as_of, ${COLUMNS})
      SELECT gen_random_uuid(), p.organization_id, p.id, ${day}::date, t.*
        FROM portfolios p
       CROSS JOIN LATERAL (SELECT ${TOTALS_SELECT} FROM exposures e WHERE e.portfolio_id = p.id) t
       WHERE p.organization_id = ${scope.organizationId}::uuid
      ON CONFLICT (portfolio_id, as_of) DO UPDATE SET ${UPDATES}, created_at = now()`,
  );
}

/** Ids of every organization, for jobs that walk all tenants (system access, not row-level filtered). */
export async function allOrganizationIds(db: Database): Promise<string[]> {
  const rows = await prismaOf(db).organization.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  return rows.map((row) => row.id);
}
