// What a bulk load wrote for a portfolio (rows, running totals, per-obligor totals, data version), to
// compare one way of loading with another.
import type pg from 'pg';

/** Everything a load writes for a portfolio, without ids and times. */
export async function loadContents(owner: pg.Client, portfolioId: string) {
  const q = async (sql: string) => (await owner.query<Record<string, unknown>>(sql, [portfolioId])).rows;
  return {
    exposures: await q(
      `SELECT e.external_id, e.product, e.currency, e.ead::text, e."limit"::text, e.lgd::text, e.maturity_date::text, e.origination_date::text,
              e.collateral_value::text, e.days_past_due, e.status, e.defaulted_on = current_date AS defaulted_today,
              e.obligor_name, e.obligor_external_id, e.obligor_segment, e.obligor_sector, e.obligor_country,
              o.external_id = e.obligor_external_id AS linked
         FROM exposures e JOIN obligors o ON o.id = e.obligor_id WHERE e.portfolio_id = $1 ORDER BY e.external_id`,
    ),
    figures: await q(
      `SELECT dim, key, exposure_count, obligor_count, total_ead::text, total_limit::text, total_loss_given_default::text, defaulted_count, defaulted_ead::text
         FROM portfolio_figures WHERE portfolio_id = $1 ORDER BY dim, key`,
    ),
    obligorFigures: await q(
      `SELECT o.external_id, f.exposure_count, f.ead::text FROM portfolio_obligor_figures f JOIN obligors o ON o.id = f.obligor_id
        WHERE f.portfolio_id = $1 ORDER BY o.external_id`,
    ),
    dataVersion: (await q('SELECT data_version FROM portfolios WHERE id = $1'))[0]?.data_version,
  };
}
