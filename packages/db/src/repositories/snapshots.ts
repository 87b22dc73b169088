// Daily portfolio snapshots. Taking one is idempotent per portfolio and day: a re-run replaces that
// day's figures instead of adding a row.
import { prismaOf, type Database } from '../client.ts';
import { Prisma, type PortfolioSnapshot as SnapshotRow } from '../generated/prisma/client.ts';
import type { PortfolioSnapshot } from '../domain/portfolio-figures.ts';
import { localDate } from '../domain/from-rows.ts';
import { InputError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { mapNodes, resolvePage, toConnection, type Connection, type PageArgs } from '../pagination.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { checkInstant, parseLocalDate } from '../validate.ts';
import { FIGURES_SELECT, TOTALS_COLUMNS, toTotals } from './portfolio-totals.ts';

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

/** A daily series is long: a page may hold up to this many days (about three years). */
export const MAX_SNAPSHOT_PAGE_SIZE = 1100;

export interface ListSnapshotsArgs extends PageArgs {
  /** First day included (UTC). */
  from?: Date | null;
  /** Last day included (UTC). */
  to?: Date | null;
}

/**
 * A portfolio's snapshots, newest first: `first: N` is the latest N days, whatever the history's
 * length; `after` walks back in time. One row per day, so the day is the keyset. A portfolio that is
 * missing or another organization's has none.
 */
export async function listSnapshots(
  db: Database,
  scope: TenantScope,
  portfolioId: string,
  args: ListSnapshotsArgs = {},
): Promise<Connection<PortfolioSnapshot>> {
  const page = resolvePage(args, 50, MAX_SNAPSHOT_PAGE_SIZE);
  if (args.from) checkInstant('from', args.from);
  if (args.to) checkInstant('to', args.to);
  if (args.from && args.to && args.from.getTime() > args.to.getTime()) throw new InputError('to', 'must be on or after from');
  const cursorDay = page.cursor ? cursorDate(page.cursor.v, page.backward ? 'before' : 'after') : null;
  if (!isUuid(portfolioId)) return toConnection([], page, () => ({ v: null, id: '' }), 0);
  const newestFirst = !page.backward;
  const where: Prisma.PortfolioSnapshotWhereInput = {
    organizationId: scope.organizationId,
    portfolioId,
    ...(args.from || args.to ? { asOf: { ...(args.from ? { gte: args.from } : {}), ...(args.to ? { lte: args.to } : {}) } } : {}),
  };
  const cursorWhere: Prisma.PortfolioSnapshotWhereInput = cursorDay ? { asOf: newestFirst ? { lt: cursorDay } : { gt: cursorDay } } : {};
  return withTenant(db, scope, async (tx) => {
    const [rows, total] = await Promise.all([
      tx.portfolioSnapshot.findMany({
        where: { AND: [where, cursorWhere] },
        orderBy: { asOf: newestFirst ? 'desc' : 'asc' },
        take: page.take,
      }),
      tx.portfolioSnapshot.count({ where }),
    ]);
    return mapNodes(
      toConnection(rows, page, (row) => ({ v: localDate(row.asOf), id: row.id }), total),
      toSnapshot,
    );
  });
}

function cursorDate(value: string | number | null, field: string): Date {
  if (typeof value !== 'string') throw new InputError(field, 'is not a valid cursor');
  try {
    return parseLocalDate(field, value);
  } catch {
    throw new InputError(field, 'is not a valid cursor');
  }
}

/** The UTC calendar day of an instant, as the DATE the snapshot row stores. */
export function utcDay(instant: Date): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

const COLUMNS = Prisma.raw(TOTALS_COLUMNS.join(', '));
const UPDATES = Prisma.raw(TOTALS_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', '));

/**
 * Snapshots every portfolio of one organization for `asOf`'s day, from the running totals (one row per
 * portfolio, whatever its size). Returns the number of portfolios.
 */
export async function snapshotOrganization(db: Database, scope: TenantScope, asOf: Date): Promise<number> {
  const day = utcDay(checkInstant('asOf', asOf));
  return withTenant(
    db,
    scope,
    (tx) =>
      tx.$executeRaw`
      INSERT INTO portfolio_snapshots AS s (id, organization_id, portfolio_id, as_of, ${COLUMNS})
      SELECT gen_random_uuid(), p.organization_id, p.id, ${day}::date, ${FIGURES_SELECT}
        FROM portfolios p
        LEFT JOIN portfolio_figures f ON f.portfolio_id = p.id AND f.dim = 'total' AND f.key = ''
       WHERE p.organization_id = ${scope.organizationId}::uuid
      ON CONFLICT (portfolio_id, as_of) DO UPDATE SET ${UPDATES}, created_at = now()`,
  );
}

/** Ids of every organization, for jobs that walk all tenants (system access, not row-level filtered). */
export async function allOrganizationIds(db: Database): Promise<string[]> {
  const rows = await prismaOf(db).organization.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  return rows.map((row) => row.id);
}
