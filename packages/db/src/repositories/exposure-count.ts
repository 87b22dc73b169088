// How many exposures match a filter, without counting a million rows on every page:
// - no filter: the portfolio's exposure count, exact (ANALYZE-free: read from the figures below);
// - a small portfolio (at most SMALL_PORTFOLIO rows): an exact count, cheap at that size;
// - otherwise an exact count when at most EXACT_LIMIT rows match (the filter indexes make that a
//   short bitmap scan), else PostgreSQL's estimate, flagged so the API and the dashboard say "about".
import type { TransactionClient } from '../client.ts';
import { Prisma } from '../generated/prisma/client.ts';

export const EXACT_LIMIT = 5_000;
export const SMALL_PORTFOLIO = 100_000;

export interface RowCount {
  count: number;
  estimated: boolean;
}

/** The planner's row estimate for `SELECT … <from>` (no rows are read). */
export async function plannedRows(tx: TransactionClient, from: Prisma.Sql): Promise<number> {
  const [row] = await tx.$queryRaw<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>`EXPLAIN (FORMAT JSON) SELECT 1 ${from}`;
  return Math.round(row?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

async function cappedCount(tx: TransactionClient, from: Prisma.Sql, cap: number): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${cap + 1}) s`;
  return row?.n ?? 0;
}

async function portfolioSize(tx: TransactionClient, organizationId: string, portfolioId: string): Promise<number> {
  return plannedRows(tx, Prisma.sql`FROM tenant_exposures e WHERE e.portfolio_id = ${portfolioId}::uuid AND e.organization_id = ${organizationId}::uuid`);
}

export async function countExposures(
  tx: TransactionClient,
  organizationId: string,
  portfolioId: string,
  where: Prisma.Sql,
  filtered: boolean,
): Promise<RowCount> {
  const from = Prisma.sql`FROM tenant_exposures e WHERE ${where}`;
  const size = await portfolioSize(tx, organizationId, portfolioId);
  if (size <= SMALL_PORTFOLIO) {
    const exact = await cappedCount(tx, from, SMALL_PORTFOLIO * 2);
    if (exact <= SMALL_PORTFOLIO * 2) return { count: exact, estimated: false };
  }
  if (filtered) {
    const exact = await cappedCount(tx, from, EXACT_LIMIT);
    if (exact <= EXACT_LIMIT) return { count: exact, estimated: false };
  }
  return { count: Math.max(await plannedRows(tx, from), EXACT_LIMIT + 1), estimated: true };
}
