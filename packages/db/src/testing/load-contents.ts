// What a bulk load wrote for a portfolio (rows, running totals, per-obligor totals, data version), to
// compare one way of loading with another, and what a failed load left.
import type pg from 'pg';
import type { ExposureRow } from '../seed/bulk-load.ts';

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

/** The exposures of `rows`, the source failing (throwing 'source failed') when it reaches row `at`. */
export function* exposuresFailingAt(rows: { exposure: ExposureRow }[], at: number): Generator<ExposureRow> {
  for (const [i, r] of rows.entries()) {
    if (i === at) throw new Error('source failed');
    yield r.exposure;
  }
}

/** The organizations of `slug`, the obligors whose reference starts with `prefix`, and the connection's replication role. */
export async function leftAfterFailure(owner: pg.Client, slug: string, prefix: string) {
  const { rows } = await owner.query<{ orgs: number; obligors: number; role: string }>(
    `SELECT (SELECT count(*) FROM organizations WHERE slug = $1)::int AS orgs,
            (SELECT count(*) FROM obligors WHERE starts_with(external_id, $2))::int AS obligors,
            current_setting('session_replication_role') AS role`,
    [slug, prefix],
  );
  return rows[0]!;
}
