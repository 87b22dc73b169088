// Portfolios: list, fetch by id (batched for DataLoader), create, and the summary behind the overview.
import type { Database } from '../client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { Portfolio } from '../domain/entities.ts';
import type { Breakdown, PortfolioSummary } from '../domain/portfolio-figures.ts';
import { toPortfolio } from '../domain/from-rows.ts';
import { fixed, money, ratio, RATIO_SCALE } from '../decimal.ts';
import { FIGURES_SELECT, MONEY_TOTAL_TYPE, toTotals, type TotalsRow } from './portfolio-totals.ts';

const MONEY_TYPE = Prisma.raw(MONEY_TOTAL_TYPE);
import { ConflictError, InputError } from '../errors.ts';
import { mapNodes, resolvePage, toConnection, type Connection, type PageArgs } from '../pagination.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { tenantRead } from '../tenant-read.ts';
import { isUuid, validUuids } from '../ids.ts';
import { recordAudit } from './audit.ts';
import { TEXT_LIMITS } from '../domain/limits.ts';
import { optionalText, text } from '../validate.ts';
import { isUniqueViolation } from '../unique-violation.ts';

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
    if (isUniqueViolation(error)) {
      throw new ConflictError('input.name', `a portfolio named "${name}" already exists`);
    }
    throw error;
  }
}

/**
 * The portfolio's `topN` largest obligors by EAD (ties by obligor id), from two walks of at most `topN`
 * rows each: the obligors with two exposures or more, from portfolio_obligor_figures_top_idx (its key,
 * the EAD in cents capped so as not to overflow and then the EAD, orders as the EAD does: the ORDER BY
 * names the index's expressions, integer_sort_keys migration); and the obligors with one exposure in
 * the portfolio, which have no row there (20261203040000 migration), from the exposures' EAD index,
 * passing over exposures whose obligor has a row. That walk takes every exposure tied with its last
 * (an EAD shared at the cut could belong to a smaller obligor id) and stops at the EAD of the
 * `topN`-th obligor of the first walk, below which none of it could place.
 */
export function topObligorsQuery(organizationId: string, portfolioId: string, topN: number): Prisma.Sql {
  const figures = Prisma.sql`portfolio_obligor_figures f WHERE f.portfolio_id = ${portfolioId}::uuid AND f.organization_id = ${organizationId}::uuid`;
  const figureKey = Prisma.raw('((least(f.ead, 90000000000000000) * 100)::bigint)');
  return Prisma.sql`
      SELECT t.obligor_id, o.name, t.exposure_count, t.ead::${MONEY_TYPE} AS ead
        FROM ((SELECT f.obligor_id, f.exposure_count, f.ead FROM ${figures}
                ORDER BY ${figureKey} DESC, f.ead DESC, f.obligor_id LIMIT ${topN})
              UNION ALL
              (SELECT e.obligor_id, 1::bigint AS exposure_count, e.ead FROM tenant_exposures e
                WHERE e.portfolio_id = ${portfolioId}::uuid
                  AND ((e.ead * 100)::bigint) >= coalesce((SELECT ${figureKey} FROM ${figures} ORDER BY ${figureKey} DESC OFFSET ${Math.max(topN - 1, 0)} LIMIT 1),
                                                          '-9223372036854775808'::bigint)
                  AND NOT EXISTS (SELECT 1 FROM portfolio_obligor_figures m
                                   WHERE m.portfolio_id = ${portfolioId}::uuid AND m.obligor_id = e.obligor_id)
                ORDER BY ((e.ead * 100)::bigint) DESC FETCH FIRST ${topN} ROWS WITH TIES)) t
        JOIN obligors o ON o.id = t.obligor_id
       ORDER BY t.ead DESC, t.obligor_id
       LIMIT ${topN}`;
}

/**
 * Totals and breakdowns of one portfolio (null when not visible), read from the running totals the
 * exposure triggers keep (portfolio_figures, portfolio_obligor_figures): a few index lookups whatever
 * the portfolio's size, right after an edit or a bulk load as at any other time.
 */
export async function portfolioSummary(db: Database, scope: TenantScope, portfolioId: string, topN = 10): Promise<PortfolioSummary | null> {
  if (!isUuid(portfolioId)) return null;
  return withTenant(db, scope, async (tx) => {
    const org = scope.organizationId;
    const [total] = await tx.$queryRaw<TotalsRow[]>`
      SELECT ${FIGURES_SELECT}
        FROM portfolios p
        LEFT JOIN portfolio_figures f ON f.portfolio_id = p.id AND f.dim = 'total' AND f.key = ''
       WHERE p.id = ${portfolioId}::uuid AND p.organization_id = ${org}::uuid`;
    if (!total) return null;
    const groups = await tx.$queryRaw<
      (Pick<TotalsRow, 'exposure_count' | 'total_ead' | 'total_limit'> & { dim: 'segment' | 'sector' | 'status'; key: string })[]
    >`
      SELECT f.dim, f.key, f.exposure_count, f.total_ead::${MONEY_TYPE} AS total_ead, f.total_limit::${MONEY_TYPE} AS total_limit
        FROM portfolio_figures f
       WHERE f.portfolio_id = ${portfolioId}::uuid AND f.organization_id = ${org}::uuid AND f.dim <> 'total'
       ORDER BY f.total_ead DESC, f.key`;
    const top = await tx.$queryRaw<{ obligor_id: string; name: string; exposure_count: bigint; ead: Prisma.Decimal }[]>(
      topObligorsQuery(org, portfolioId, topN),
    );
    const totals = toTotals(total);
    const shareOfEad = (ead: Prisma.Decimal) => ratio(ead, totals.totalEad) ?? fixed(0, RATIO_SCALE);
    const breakdown = (dim: 'segment' | 'sector' | 'status'): Breakdown[] =>
      groups
        .filter((g) => g.dim === dim)
        .map((g) => ({
          key: g.key || 'Unspecified',
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
