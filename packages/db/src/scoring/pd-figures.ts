// The portfolio overview's PD-weighted figures: EAD-weighted PD, expected loss (PD x LGD x EAD) and
// the grade distribution of each succeeded run, read from scoring_run_grades (summed once by the run's
// last batch), so a million-exposure portfolio costs a few rows per run, never a scan of its scores.
import type { Database } from '../client.ts';
import type { GradeFigures, RunPdFigures } from '../domain/scoring.ts';
import { InputError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';

export const MAX_TREND_RUNS = 100;

interface Row {
  run_id: string;
  as_of: string;
  finished_at: Date | null;
  model_version_id: string;
  grade: string | null;
  exposure_count: number | null;
  ead: string | null;
  run_ead: string;
  pd_ead: number | null;
  expected_loss: number | null;
  min_pd: number | null;
  max_pd: number | null;
}

// Sums of a few dozen doubles per run; EADs are summed exactly, as numeric, by PostgreSQL.
const weighted = (pdEad: number, ead: number): number | null => (ead > 0 ? pdEad / ead : null);
const money = (value: number): string => value.toFixed(2);

/**
 * The latest `runs` succeeded runs of the portfolio, newest first, each with its figures by grade.
 * Empty for a portfolio with no succeeded run (or not visible to the scope).
 */
export async function portfolioPdFigures(db: Database, scope: TenantScope, portfolioId: string, runs = 1): Promise<RunPdFigures[]> {
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_TREND_RUNS)
    throw new InputError('last', `must be an integer from 1 to ${MAX_TREND_RUNS}`);
  if (!isUuid(portfolioId)) return [];
  const rows = await withTenantClient(db, scope, async (client) => {
    const result = await client.query<Row>(
      `WITH latest AS (
         SELECT id, as_of, finished_at, model_version_id FROM scoring_runs
          WHERE portfolio_id = $1 AND organization_id = $2 AND status = 'SUCCEEDED'
          ORDER BY finished_at DESC NULLS LAST, id DESC LIMIT $3)
       SELECT r.id AS run_id, r.as_of::text AS as_of, r.finished_at, r.model_version_id, g.grade, g.exposure_count, g.ead::text AS ead,
              coalesce(sum(g.ead) OVER (PARTITION BY r.id), 0)::text AS run_ead, g.pd_ead, g.expected_loss, g.min_pd, g.max_pd
         FROM latest r LEFT JOIN scoring_run_grades g ON g.run_id = r.id
        ORDER BY r.finished_at DESC NULLS LAST, r.id DESC, g.min_pd, g.grade`,
      [portfolioId, scope.organizationId, runs],
    );
    return result.rows;
  });
  const byRun = new Map<string, { run: Row; grades: GradeFigures[]; pdEad: number; el: number; ead: number; count: number }>();
  for (const row of rows) {
    let entry = byRun.get(row.run_id);
    if (!entry) {
      entry = { run: row, grades: [], pdEad: 0, el: 0, ead: 0, count: 0 };
      byRun.set(row.run_id, entry);
    }
    if (row.grade === null) continue;
    const ead = Number(row.ead);
    entry.grades.push({
      grade: row.grade,
      exposureCount: row.exposure_count!,
      ead: row.ead!,
      eadWeightedPd: weighted(row.pd_ead!, ead),
      expectedLoss: money(row.expected_loss!),
      minPd: row.min_pd!,
      maxPd: row.max_pd!,
    });
    entry.pdEad += row.pd_ead!;
    entry.el += row.expected_loss!;
    entry.ead += ead;
    entry.count += row.exposure_count!;
  }
  return [...byRun.values()].map(({ run, grades, pdEad, el, ead, count }) => ({
    runId: run.run_id,
    asOf: run.as_of,
    finishedAt: run.finished_at,
    modelVersionId: run.model_version_id,
    exposureCount: count,
    ead: run.run_ead,
    eadWeightedPd: weighted(pdEad, ead),
    expectedLoss: money(el),
    grades,
  }));
}
