// The portfolio totals, defined once: the live summary (per portfolio and per segment, sector and
// status) and the daily snapshot select the same measures over `exposures e`, and the snapshot table's
// columns carry the same names, so the two can never disagree on what "total EAD" means.
import { Prisma } from '../generated/prisma/client.ts';
import { money } from '../decimal.ts';
import type { PortfolioTotals } from '../domain/portfolio-figures.ts';

/**
 * The type every money total is cast to. An EAD or limit is below 1e16 (MONEY's bound, the column is
 * decimal(18,2)) and LGD at most 1, and a table holds fewer than 2^63 rows, so a sum stays below
 * 9.3e34: 36 integer digits can never overflow, whatever a tenant writes. The snapshot columns have
 * the same type.
 */
export const MONEY_TOTAL_TYPE = 'numeric(38,2)';

const MEASURES = [
  ['exposure_count', 'count(e.id)'],
  ['obligor_count', 'count(DISTINCT e.obligor_id)'],
  ['total_ead', `coalesce(sum(e.ead), 0)::${MONEY_TOTAL_TYPE}`],
  ['total_limit', `coalesce(sum(e."limit"), 0)::${MONEY_TOTAL_TYPE}`],
  ['total_loss_given_default', `coalesce(sum(e.ead * e.lgd), 0)::${MONEY_TOTAL_TYPE}`],
  ['defaulted_count', "count(e.id) FILTER (WHERE e.status = 'DEFAULTED')"],
  ['defaulted_ead', `coalesce(sum(e.ead) FILTER (WHERE e.status = 'DEFAULTED'), 0)::${MONEY_TOTAL_TYPE}`],
] as const;

type Measure = (typeof MEASURES)[number][0];

/** `count(e.id) AS exposure_count, …` for the chosen measures, over exposures aliased `e`. */
export function measuresSelect(columns: readonly Measure[]): Prisma.Sql {
  return Prisma.raw(
    MEASURES.filter(([column]) => columns.includes(column))
      .map(([column, sql]) => `${sql} AS ${column}`)
      .join(',\n       '),
  );
}

/** Every measure: the totals of a portfolio (the summary's headline figures and the snapshot row). */
export const TOTALS_SELECT = measuresSelect(MEASURES.map(([column]) => column));

/** `exposure_count, obligor_count, …`: the same columns, in the same order, for INSERT and SET lists. */
export const TOTALS_COLUMNS = MEASURES.map(([column]) => column);

/**
 * The same measures read from the running totals (`portfolio_figures` aliased `f`, its "total" row,
 * kept by triggers from the same definitions: see the portfolio_figures migration), zeros when the
 * portfolio has none; money cast to MONEY_TOTAL_TYPE like the measures above. A test recomputes the
 * totals from the exposures with TOTALS_SELECT and compares.
 */
export const FIGURES_SELECT = Prisma.raw(
  MEASURES.map(([column]) =>
    column.endsWith('_count') ? `coalesce(f.${column}, 0) AS ${column}` : `coalesce(f.${column}, 0)::${MONEY_TOTAL_TYPE} AS ${column}`,
  ).join(',\n       '),
);

/** The measures as PostgreSQL returns them (counts as bigint from raw queries, int from the snapshot table). */
export interface TotalsRow {
  exposure_count: bigint | number;
  obligor_count: bigint | number;
  total_ead: Prisma.Decimal;
  total_limit: Prisma.Decimal;
  total_loss_given_default: Prisma.Decimal;
  defaulted_count: bigint | number;
  defaulted_ead: Prisma.Decimal;
}

export function toTotals(row: TotalsRow): PortfolioTotals {
  return {
    exposureCount: Number(row.exposure_count),
    obligorCount: Number(row.obligor_count),
    totalEad: money(row.total_ead),
    totalLimit: money(row.total_limit),
    totalLossGivenDefault: money(row.total_loss_given_default),
    defaultedCount: Number(row.defaulted_count),
    defaultedEad: money(row.defaulted_ead),
  };
}
