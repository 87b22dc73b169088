// Portfolios: list, fetch by id (batched for DataLoader), create, and the summary behind the overview.
import type { Database } from '../client.ts';
import { Prisma, type Portfolio } from '../generated/prisma/client.ts';
import { ConflictError, InputError } from '../errors.ts';
import { resolvePage, toConnection, type PageArgs } from '../pagination.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { isUuid, validUuids } from '../ids.ts';
import { recordAudit } from './audit.ts';

export async function listPortfolios(db: Database, scope: TenantScope, args: PageArgs) {
  const page = resolvePage(args, 50);
  const ascending = !page.backward;
  return withTenant(db, scope, async (tx) => {
    const where = { organizationId: scope.organizationId };
    const cursorWhere = page.cursor ? { id: ascending ? { gt: page.cursor.id } : { lt: page.cursor.id } } : {};
    const [rows, total] = await Promise.all([
      tx.portfolio.findMany({ where: { ...where, ...cursorWhere }, orderBy: { id: ascending ? 'asc' : 'desc' }, take: page.take }),
      tx.portfolio.count({ where }),
    ]);
    return toConnection(rows, page, (row) => ({ v: null, id: row.id }), total);
  });
}

/** Portfolios in the order of `ids`; null where an id is missing or belongs to another organization. */
export async function portfoliosByIds(db: Database, scope: TenantScope, ids: readonly string[]): Promise<(Portfolio | null)[]> {
  const rows = await withTenant(db, scope, (tx) =>
    tx.portfolio.findMany({ where: { organizationId: scope.organizationId, id: { in: validUuids(ids) } } }),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

export interface CreatePortfolioInput {
  name: string;
  description?: string | null;
  baseCurrency?: string | null;
}

export async function createPortfolio(db: Database, scope: TenantScope, input: CreatePortfolioInput): Promise<Portfolio> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 120) throw new InputError('name', 'must be 1 to 120 characters');
  const baseCurrency = (input.baseCurrency ?? 'USD').toUpperCase();
  if (!/^[A-Z]{3}$/.test(baseCurrency)) throw new InputError('baseCurrency', 'must be a three-letter ISO 4217 code');
  try {
    return await withTenant(db, scope, async (tx) => {
      const portfolio = await tx.portfolio.create({
        data: { organizationId: scope.organizationId, name, description: input.description?.trim() || null, baseCurrency },
      });
      await recordAudit(tx, scope, { action: 'portfolio.create', entityType: 'Portfolio', entityId: portfolio.id, after: portfolio });
      return portfolio;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new ConflictError('name', `a portfolio named "${name}" already exists`);
    }
    throw error;
  }
}

export interface BreakdownRow {
  key: string;
  exposureCount: number;
  ead: Prisma.Decimal;
  limit: Prisma.Decimal;
}

export interface TopObligorRow {
  obligorId: string;
  name: string;
  exposureCount: number;
  ead: Prisma.Decimal;
}

export interface PortfolioSummary {
  exposureCount: number;
  obligorCount: number;
  totalEad: Prisma.Decimal;
  totalLimit: Prisma.Decimal;
  totalLossGivenDefault: Prisma.Decimal;
  defaultedCount: number;
  defaultedEad: Prisma.Decimal;
  eadBySegment: BreakdownRow[];
  eadBySector: BreakdownRow[];
  eadByStatus: BreakdownRow[];
  topObligors: TopObligorRow[];
}

type RawBreakdown = { key: string | null; exposure_count: bigint; ead: Prisma.Decimal; limit: Prisma.Decimal };

function breakdown(rows: RawBreakdown[]): BreakdownRow[] {
  return rows.map((r) => ({ key: r.key ?? 'Unspecified', exposureCount: Number(r.exposure_count), ead: r.ead, limit: r.limit }));
}

/** Totals and breakdowns of one portfolio, computed in the database (null when not visible). */
export async function portfolioSummary(db: Database, scope: TenantScope, portfolioId: string, topN = 10): Promise<PortfolioSummary | null> {
  if (!isUuid(portfolioId)) return null;
  return withTenant(db, scope, async (tx) => {
    const org = scope.organizationId;
    const totals = await tx.$queryRaw<
      { exposure_count: bigint; obligor_count: bigint; total_ead: Prisma.Decimal; total_limit: Prisma.Decimal; total_lgd: Prisma.Decimal; defaulted_count: bigint; defaulted_ead: Prisma.Decimal; found: boolean }[]
    >`SELECT count(e.id) AS exposure_count,
             count(DISTINCT e.obligor_id) AS obligor_count,
             coalesce(sum(e.ead), 0)::numeric(20,2) AS total_ead,
             coalesce(sum(e."limit"), 0)::numeric(20,2) AS total_limit,
             coalesce(sum(e.ead * e.lgd), 0)::numeric(20,2) AS total_lgd,
             count(e.id) FILTER (WHERE e.status = 'DEFAULTED') AS defaulted_count,
             coalesce(sum(e.ead) FILTER (WHERE e.status = 'DEFAULTED'), 0)::numeric(20,2) AS defaulted_ead,
             EXISTS (SELECT 1 FROM portfolios p WHERE p.id = ${portfolioId}::uuid AND p.organization_id = ${org}::uuid) AS found
        FROM exposures e
       WHERE e.portfolio_id = ${portfolioId}::uuid AND e.organization_id = ${org}::uuid`;
    const t = totals[0];
    if (!t?.found) return null;
    const bySegment = await tx.$queryRaw<RawBreakdown[]>`
      SELECT o.segment::text AS key, count(*) AS exposure_count, sum(e.ead)::numeric(20,2) AS ead, sum(e."limit")::numeric(20,2) AS "limit"
        FROM exposures e JOIN obligors o ON o.id = e.obligor_id
       WHERE e.portfolio_id = ${portfolioId}::uuid AND e.organization_id = ${org}::uuid
       GROUP BY o.segment ORDER BY ead DESC`;
    const bySector = await tx.$queryRaw<RawBreakdown[]>`
      SELECT o.sector AS key, count(*) AS exposure_count, sum(e.ead)::numeric(20,2) AS ead, sum(e."limit")::numeric(20,2) AS "limit"
        FROM exposures e JOIN obligors o ON o.id = e.obligor_id
       WHERE e.portfolio_id = ${portfolioId}::uuid AND e.organization_id = ${org}::uuid
       GROUP BY o.sector ORDER BY ead DESC`;
    const byStatus = await tx.$queryRaw<RawBreakdown[]>`
      SELECT e.status::text AS key, count(*) AS exposure_count, sum(e.ead)::numeric(20,2) AS ead, sum(e."limit")::numeric(20,2) AS "limit"
        FROM exposures e
       WHERE e.portfolio_id = ${portfolioId}::uuid AND e.organization_id = ${org}::uuid
       GROUP BY e.status ORDER BY ead DESC`;
    const top = await tx.$queryRaw<{ obligor_id: string; name: string; exposure_count: bigint; ead: Prisma.Decimal }[]>`
      SELECT o.id AS obligor_id, o.name, count(*) AS exposure_count, sum(e.ead)::numeric(20,2) AS ead
        FROM exposures e JOIN obligors o ON o.id = e.obligor_id
       WHERE e.portfolio_id = ${portfolioId}::uuid AND e.organization_id = ${org}::uuid
       GROUP BY o.id, o.name ORDER BY ead DESC, o.id LIMIT ${topN}`;
    return {
      exposureCount: Number(t.exposure_count),
      obligorCount: Number(t.obligor_count),
      totalEad: t.total_ead,
      totalLimit: t.total_limit,
      totalLossGivenDefault: t.total_lgd,
      defaultedCount: Number(t.defaulted_count),
      defaultedEad: t.defaulted_ead,
      eadBySegment: breakdown(bySegment),
      eadBySector: breakdown(bySector),
      eadByStatus: breakdown(byStatus),
      topObligors: top.map((r) => ({ obligorId: r.obligor_id, name: r.name, exposureCount: Number(r.exposure_count), ead: r.ead })),
    };
  });
}

