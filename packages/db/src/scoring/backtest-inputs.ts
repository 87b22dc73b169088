// What back-testing a scoring run reads: each scored exposure's PD and whether it defaulted within
// twelve months after the run's data as-of day (exposures.defaulted_on, kept by a trigger), leaving out
// exposures already defaulted by that day. Outcomes arrive over time: the window may still be open.
import type { Database } from '../client.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';

export interface BacktestInputs {
  runId: string;
  modelVersionId: string;
  asOf: string;
  /** The last day of the outcome window (as-of + 12 months). */
  windowEnd: string;
  /** The window has passed: every outcome is in. */
  windowComplete: boolean;
  pd: Float64Array;
  /** 1 = defaulted within the window. */
  defaulted: Uint8Array;
  /** Scored exposures already defaulted on or before the as-of day (left out). */
  defaultedBefore: number;
}

export async function backtestInputs(db: Database, scope: TenantScope, runId: string): Promise<BacktestInputs | null> {
  if (!isUuid(runId)) return null;
  return withTenantClient(db, scope, async (client) => {
    const run = await client.query<{ model_version_id: string; as_of: string; window_end: string; complete: boolean }>(
      `SELECT model_version_id, as_of::text AS as_of, (as_of + interval '12 months')::date::text AS window_end,
              (as_of + interval '12 months')::date < current_date AS complete
         FROM scoring_runs WHERE id = $1 AND organization_id = $2 AND status = 'SUCCEEDED'`,
      [runId, scope.organizationId],
    );
    const r = run.rows[0];
    if (!r) return null;
    const { rows } = await client.query<{ pd: number; outcome: number }>(
      `SELECT s.pd, CASE WHEN e.defaulted_on IS NULL OR e.defaulted_on > $2::date + interval '12 months' THEN 0
                         WHEN e.defaulted_on <= $2::date THEN -1 ELSE 1 END AS outcome
         FROM scores s JOIN exposures e ON e.id = s.exposure_id WHERE s.run_id = $1`,
      [runId, r.as_of],
    );
    const kept = rows.filter((x) => x.outcome >= 0);
    return {
      runId,
      modelVersionId: r.model_version_id,
      asOf: r.as_of,
      windowEnd: r.window_end,
      windowComplete: r.complete,
      pd: Float64Array.from(kept, (x) => x.pd),
      defaulted: Uint8Array.from(kept, (x) => x.outcome),
      defaultedBefore: rows.length - kept.length,
    };
  });
}

/** A model version's succeeded runs, newest first. */
export async function succeededRunsOfVersion(db: Database, scope: TenantScope, versionId: string, limit = 20): Promise<string[]> {
  if (!isUuid(versionId)) return [];
  return withTenantClient(db, scope, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM scoring_runs WHERE model_version_id = $1 AND organization_id = $2 AND status = 'SUCCEEDED'
        ORDER BY finished_at DESC, id DESC LIMIT $3`,
      [versionId, scope.organizationId, Math.min(Math.max(limit, 1), 50)],
    );
    return rows.map((r) => r.id);
  });
}
