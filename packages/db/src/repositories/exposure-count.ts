// How many exposures match a filter, without counting a million rows on every page:
// - no filter: the portfolio's exposure count from its running totals (exact, one row read);
// - a small portfolio (at most SMALL_PORTFOLIO exposures): an exact count, cheap at that size;
// - a large one: an exact count when PostgreSQL expects few matches (at most EXACT_LIMIT, counted
//   with a cap so a wrong guess stays cheap), else the planner's estimate, flagged so the API and the
//   dashboard say "about".
import type { TransactionClient } from '../client.ts';
import { Prisma } from '../generated/prisma/client.ts';

export const EXACT_LIMIT = 1_000;
export const SMALL_PORTFOLIO = 100_000;

export interface RowCount {
  count: number;
  estimated: boolean;
}

/** The planner's row estimate for `SELECT 1 <from>` (no row is read). */
export async function plannedRows(tx: TransactionClient, from: Prisma.Sql): Promise<number> {
  const [row] = await tx.$queryRaw<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>`EXPLAIN (FORMAT JSON) SELECT 1 ${from}`;
  return Math.round(row?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

/** Rows of `SELECT 1 <from>`, counting no further than cap + 1. */
async function cappedCount(tx: TransactionClient, from: Prisma.Sql, cap: number): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${cap + 1}) s`;
  return row?.n ?? 0;
}

/**
 * `where` holds the page's conditions over `tenant_exposures e` (and the run's scores `s` when `table`
 * joins them); `filtered` whether they narrow the portfolio at all. `known`: the portfolio's size, and
 * the planner's estimate of these rows, where the caller has asked already.
 */
export async function countExposures(
  tx: TransactionClient,
  organizationId: string,
  portfolioId: string,
  where: Prisma.Sql,
  filtered: boolean,
  table: Prisma.Sql = Prisma.sql`tenant_exposures e`,
  known: { size?: number; planned?: number } = {},
): Promise<RowCount> {
  const size = known.size ?? (await portfolioSize(tx, organizationId, portfolioId));
  if (!filtered || size === 0) return { count: size, estimated: false };
  const from = Prisma.sql`FROM ${table} WHERE ${where}`;
  if (size <= SMALL_PORTFOLIO) return { count: await cappedCount(tx, from, SMALL_PORTFOLIO), estimated: false };
  const planned = known.planned ?? (await plannedRows(tx, from));
  if (planned <= EXACT_LIMIT) {
    const exact = await cappedCount(tx, from, EXACT_LIMIT);
    if (exact <= EXACT_LIMIT) return { count: exact, estimated: false };
  }
  return { count: Math.max(planned, EXACT_LIMIT + 1), estimated: true };
}

/** The portfolio's exposure count, exact, from the running totals the exposure triggers keep. */
export async function portfolioSize(tx: TransactionClient, organizationId: string, portfolioId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: bigint }[]>`
    SELECT coalesce((SELECT f.exposure_count FROM portfolio_figures f
                      WHERE f.portfolio_id = ${portfolioId}::uuid AND f.organization_id = ${organizationId}::uuid
                        AND f.dim = 'total' AND f.key = ''), 0) AS n`;
  return Number(row?.n ?? 0);
}
