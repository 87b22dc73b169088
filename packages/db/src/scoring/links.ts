// Which model scores a portfolio, on which schedule; and what feature columns a portfolio's data has
// (for the check that a model's columns are all there).
import type { Database } from '../client.ts';
import type { PortfolioModelLink } from '../domain/scoring.ts';
import { NotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';
import { recordAuditRaw } from '../bulk/audit-raw.ts';
import { bulkPoolOf } from '../client.ts';
import { LINK_COLUMNS, toLink, type LinkRow } from './scoring-rows.ts';
import { FEATURE_SUBJECTS } from '../features/feature-tables.ts';

/**
 * Every feature column the portfolio's exposures or their obligors have in some load on or before
 * `asOf` (default: any day), in the latest rows or the history. EXISTS per load, on the load_id index:
 * a handful of loads, not a scan of a million rows. Sequential scans off for the statement: the
 * planner, seeing a table of one or two loads, scanned it whole for each load's first row and found
 * none for every load whose rows had all moved to the history (0.1 to 0.9 s a check at 200,000 rows,
 * three loads; 4 ms on the index).
 */
export async function portfolioFeatureColumns(
  db: Database,
  scope: TenantScope,
  portfolioId: string,
  asOf?: string | null,
): Promise<string[]> {
  if (!isUuid(portfolioId)) throw new NotFoundError('Portfolio');
  // The load has a row, latest or history, of one of the portfolio's exposures or of their obligors.
  const inPortfolio = (['EXPOSURE', 'OBLIGOR'] as const).flatMap((level) => {
    const { table, history, key } = FEATURE_SUBJECTS[level];
    const join = `e.${level === 'EXPOSURE' ? 'id' : 'obligor_id'} = f.${key}`;
    return [table, history].map(
      (from) => `EXISTS (SELECT 1 FROM ${from} f JOIN exposures e ON ${join} WHERE f.load_id = l.id AND e.portfolio_id = $2)`,
    );
  });
  return withTenantClient(db, scope, async (client) => {
    await client.query('SET LOCAL enable_seqscan = off');
    const { rows } = await client.query<{ column: string }>(
      `SELECT DISTINCT unnest(l.columns) AS column FROM feature_loads l
        WHERE l.organization_id = $1 AND ($3::date IS NULL OR l.as_of <= $3::date)
          AND (${inPortfolio.join(' OR ')})
        ORDER BY 1`,
      [scope.organizationId, portfolioId, asOf ?? null],
    );
    return rows.map((r) => r.column);
  });
}

export interface LinkInput {
  portfolioId: string;
  modelId: string;
  cron: string;
  timeZone: string;
}

/** Links (or re-links) the model to the portfolio; audited. The caller has checked the columns. */
export async function setPortfolioModel(db: Database, scope: TenantScope, input: LinkInput): Promise<PortfolioModelLink> {
  return withTenantClient(db, scope, async (client) => {
    const portfolio = await client.query('SELECT 1 FROM portfolios WHERE id = $1 AND organization_id = $2', [
      input.portfolioId,
      scope.organizationId,
    ]);
    if (portfolio.rowCount === 0) throw new NotFoundError('Portfolio');
    const model = await client.query('SELECT 1 FROM models WHERE id = $1 AND organization_id = $2', [input.modelId, scope.organizationId]);
    if (model.rowCount === 0) throw new NotFoundError('Model');
    const before = await client.query<LinkRow>(`SELECT ${LINK_COLUMNS} FROM portfolio_models WHERE portfolio_id = $1`, [input.portfolioId]);
    const { rows } = await client.query<LinkRow>(
      `INSERT INTO portfolio_models (portfolio_id, organization_id, model_id, cron, time_zone, linked_by_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (portfolio_id) DO UPDATE SET model_id = EXCLUDED.model_id, cron = EXCLUDED.cron, time_zone = EXCLUDED.time_zone,
         linked_by_id = EXCLUDED.linked_by_id, updated_at = now()
       RETURNING ${LINK_COLUMNS}`,
      [
        input.portfolioId,
        scope.organizationId,
        input.modelId,
        input.cron,
        input.timeZone,
        scope.actor.kind === 'user' ? scope.actor.userId : null,
      ],
    );
    const link = toLink(rows[0]!);
    await recordAuditRaw(client, scope, {
      action: 'portfolio.linkModel',
      entityType: 'Portfolio',
      entityId: input.portfolioId,
      before: before.rows[0] ? toLink(before.rows[0]) : null,
      after: link,
    });
    return link;
  });
}

export async function getPortfolioModel(db: Database, scope: TenantScope, portfolioId: string): Promise<PortfolioModelLink | null> {
  if (!isUuid(portfolioId)) return null;
  return withTenantClient(db, scope, async (client) => {
    const { rows } = await client.query<LinkRow>(
      `SELECT ${LINK_COLUMNS} FROM portfolio_models WHERE portfolio_id = $1 AND organization_id = $2`,
      [portfolioId, scope.organizationId],
    );
    return rows[0] ? toLink(rows[0]) : null;
  });
}

/** Every link of every organization, and whether its portfolio was ever scored, for the scheduler (system work, as the owner role). */
export async function allPortfolioModels(db: Database): Promise<(PortfolioModelLink & { organizationId: string; hasRun: boolean })[]> {
  const { rows } = await bulkPoolOf(db).query<LinkRow & { organization_id: string; has_run: boolean }>(
    `SELECT organization_id, ${LINK_COLUMNS}, EXISTS (SELECT 1 FROM scoring_runs r WHERE r.portfolio_id = pm.portfolio_id) AS has_run
       FROM portfolio_models pm`,
  );
  return rows.map((r) => ({ ...toLink(r), organizationId: r.organization_id, hasRun: r.has_run }));
}

/** A version a worker loads at start, with the latest run of a portfolio it scores (null before any run). */
export interface VersionToScore {
  organizationId: string;
  versionId: string;
  latestRunId: string | null;
}

/**
 * The versions the scheduled runs will score, for a worker to load before it takes jobs (system work,
 * as the owner role): every linked model's champion and its challenger, those of the portfolios
 * scored most recently first, at most `limit`; each with its portfolios' latest run, which a worker
 * rehearses a batch of (@probity/db rehearseScoringBatch).
 */
export async function versionsToScore(db: Database, limit: number): Promise<VersionToScore[]> {
  if (limit <= 0) return [];
  const { rows } = await bulkPoolOf(db).query<{ organization_id: string; version_id: string; run_id: string | null }>(
    `SELECT v.organization_id, v.id AS version_id, (array_agg(last.id ORDER BY last.created_at DESC NULLS LAST))[1] AS run_id
       FROM portfolio_models pm
       JOIN models m ON m.id = pm.model_id
       JOIN model_versions v ON v.model_id = m.id AND (v.status = 'CHAMPION' OR (v.id = m.challenger_version_id AND v.status = 'APPROVED'))
       LEFT JOIN LATERAL (SELECT r.id, r.created_at FROM scoring_runs r WHERE r.portfolio_id = pm.portfolio_id
                           ORDER BY r.created_at DESC LIMIT 1) last ON true
      GROUP BY v.organization_id, v.id
      ORDER BY max(last.created_at) DESC NULLS LAST, v.id
      LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ organizationId: r.organization_id, versionId: r.version_id, latestRunId: r.run_id }));
}
