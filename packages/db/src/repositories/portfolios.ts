// Portfolios: list, fetch by id (batched for DataLoader), create, and the summary behind the overview.
import type { Database } from '../client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { Portfolio } from '../domain/entities.ts';
import type { Breakdown, PortfolioSummary } from '../domain/portfolio-figures.ts';
import { toPortfolio } from '../domain/from-rows.ts';
import { fixed, money, ratio, RATIO_SCALE } from '../decimal.ts';
import { measuresSelect, TOTALS_SELECT, toTotals, type TotalsRow } from './portfolio-totals.ts';

const BREAKDOWN_SELECT = measuresSelect(['exposure_count', 'total_ead', 'total_limit']);
import { ConflictError, InputError } from '../errors.ts';
import { mapNodes, resolvePage, toConnection, type Connection, type PageArgs } from '../pagination.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { tenantRead } from '../tenant-read.ts';
import { isUuid, validUuids } from '../ids.ts';
import { recordAudit } from './audit.ts';
import { TEXT_LIMITS } from '../domain/limits.ts';
import { optionalText, text } from '../validate.ts';

export async function listPortfolios(db: Database, scope: TenantScope, args: PageArgs): Promise<Connection<Portfolio>> {
  const page = resolvePage(args, 50);
  const ascending = !page.backward;
  return withTenant(db, scope, async (tx) => {
    const where = { organizationId: scope.organizationId };
    const cursorWhere = page.cursor ? { id: ascending ? { gt: page.cursor.id } : { lt: page.cursor.id } } : {};
    const [rows, total] = await Promise.all([
      tx.portfolio.findMany({ where: { ...where, ...cursorWhere }, orderBy: { id: ascending ? 'asc' : 'desc' }, take: page.take }),
      tx.portfolio.count({ where }),
    ]);
    return mapNodes(
      toConnection(rows, page, (row) => ({ v: null, id: row.id }), total),
      toPortfolio,
    );
  });
}

/** Portfolios in the order of `ids`; null where an id is missing or belongs to another organization. */
export async function portfoliosByIds(db: Database, scope: TenantScope, ids: readonly string[]): Promise<(Portfolio | null)[]> {
  const wanted = validUuids(ids);
  if (wanted.length === 0) return ids.map(() => null);
  // Every portfolio query starts here, so it is one round trip (tenant-read.ts), row-level security included.
  const rows = await tenantRead<PortfolioRow>(
    db,
    scope,
    (literal) =>
      `SELECT id::text, organization_id::text AS "organizationId", name, description, base_currency AS "baseCurrency",
              data_version::text AS "dataVersion", created_at AS "createdAt", updated_at AS "updatedAt"
         FROM portfolios WHERE organization_id = ${literal(scope.organizationId)}::uuid AND id = ANY(${literal(`{${wanted.join(',')}}`)}::uuid[])`,
  );
  const byId = new Map(rows.map((row) => [row.id, toPortfolio({ ...row, dataVersion: BigInt(row.dataVersion) })]));
  return ids.map((id) => byId.get(id) ?? null);
}

interface PortfolioRow extends Record<string, unknown> {
  id: string;
  organizationId: string;
  name: string;
  description: string | null;
  baseCurrency: string;
  dataVersion: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreatePortfolioInput {
  name: string;
  description?: string | null;
  baseCurrency?: string | null;
}

export async function createPortfolio(db: Database, scope: TenantScope, input: CreatePortfolioInput): Promise<Portfolio> {
  const name = text('input.name', input.name, { min: 1, max: TEXT_LIMITS.portfolioName });
  const description = optionalText('input.description', input.description, { max: TEXT_LIMITS.portfolioDescription, multiline: true });
  const baseCurrency = (optionalText('input.baseCurrency', input.baseCurrency, { max: 3 }) ?? 'USD').toUpperCase();
  if (!/^[A-Z]{3}$/.test(baseCurrency)) throw new InputError('input.baseCurrency', 'must be a three-letter ISO 4217 code');
  try {
    return await withTenant(db, scope, async (tx) => {
      const portfolio = toPortfolio(
        await tx.portfolio.create({
          data: { organizationId: scope.organizationId, name, description, baseCurrency },
        }),
      );
      await recordAudit(tx, scope, { action: 'portfolio.create', entityType: 'Portfolio', entityId: portfolio.id, after: portfolio });
      return portfolio;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new ConflictError('input.name', `a portfolio named "${name}" already exists`);
    }
    throw error;
  }
}

/** Totals and breakdowns of one portfolio, computed in the database (null when not visible). */
export async function portfolioSummary(db: Database, scope: TenantScope, portfolioId: string, topN = 10): Promise<PortfolioSummary | null> {
  if (!isUuid(portfolioId)) return null;
  return withTenant(db, scope, async (tx) => {
    const org = scope.organizationId;
    // The totals are the snapshot's measures, verbatim. Breakdowns use the additive ones only, as
    // grouping sets in one pass (a DISTINCT count there would force a sort per set: twice the time).
    const [total] = await tx.$queryRaw<(TotalsRow & { found: boolean })[]>`
      SELECT ${TOTALS_SELECT},
             EXISTS (SELECT 1 FROM portfolios p WHERE p.id = ${portfolioId}::uuid AND p.organization_id = ${org}::uuid) AS found
        FROM exposures e
       WHERE e.portfolio_id = ${portfolioId}::uuid AND e.organization_id = ${org}::uuid`;
    if (!total?.found) return null;
    const groups = await tx.$queryRaw<
      (Pick<TotalsRow, 'exposure_count' | 'total_ead' | 'total_limit'> & { dim: 'segment' | 'sector' | 'status'; key: string | null })[]
    >`
      SELECT CASE GROUPING(o.segment, o.sector, e.status) WHEN 3 THEN 'segment' WHEN 5 THEN 'sector' ELSE 'status' END AS dim,
             COALESCE(o.segment::text, o.sector, e.status::text) AS key,
             ${BREAKDOWN_SELECT}
        FROM exposures e JOIN obligors o ON o.id = e.obligor_id
       WHERE e.portfolio_id = ${portfolioId}::uuid AND e.organization_id = ${org}::uuid
       GROUP BY GROUPING SETS ((o.segment), (o.sector), (e.status))
       ORDER BY total_ead DESC, key`;
    const top = await tx.$queryRaw<{ obligor_id: string; name: string; exposure_count: bigint; ead: Prisma.Decimal }[]>`
      SELECT o.id AS obligor_id, o.name, count(*) AS exposure_count, sum(e.ead)::numeric(38,2) AS ead
        FROM exposures e JOIN obligors o ON o.id = e.obligor_id
       WHERE e.portfolio_id = ${portfolioId}::uuid AND e.organization_id = ${org}::uuid
       GROUP BY o.id, o.name ORDER BY ead DESC, o.id LIMIT ${topN}`;
    const totals = toTotals(total);
    const shareOfEad = (ead: Prisma.Decimal) => ratio(ead, totals.totalEad) ?? fixed(0, RATIO_SCALE);
    const breakdown = (dim: 'segment' | 'sector' | 'status'): Breakdown[] =>
      groups
        .filter((g) => g.dim === dim)
        .map((g) => ({
          key: g.key ?? 'Unspecified',
          exposureCount: Number(g.exposure_count),
          ead: money(g.total_ead),
          limit: money(g.total_limit),
          share: shareOfEad(g.total_ead),
        }));
    return {
      ...totals,
      utilisation: ratio(totals.totalEad, totals.totalLimit),
      eadBySegment: breakdown('segment'),
      eadBySector: breakdown('sector'),
      eadByStatus: breakdown('status'),
      topObligors: top.map((r) => ({
        obligorId: r.obligor_id,
        name: r.name,
        exposureCount: Number(r.exposure_count),
        ead: money(r.ead),
        share: shareOfEad(r.ead),
      })),
    };
  });
}
