// Reading scores: each exposure's score from its portfolio's latest finished run, and the one before.
import type { Database } from '../client.ts';
import type { Score } from '../domain/scoring.ts';
import { validUuids } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';
import { reasonLabels, toContributions } from './reason-labels.ts';

interface ScoreRow {
  run_id: string;
  exposure_id: string;
  obligor_id: string;
  model_version_id: string;
  as_of: string;
  input_hash: string;
  pd: number;
  grade: string;
  reason_codes: number[] | null;
  reason_units: string[] | null;
  reason_values: number[] | null;
  finished_at: Date | null;
}

/** The latest score (of a succeeded run) of each exposure, in the order asked; null where none. */
export async function latestScoresOf(db: Database, scope: TenantScope, exposureIds: readonly string[]): Promise<(Score | null)[]> {
  return nthLatestScoresOf(db, scope, exposureIds, 1);
}

/** The score before the latest one (of the previous succeeded run that scored it), for the change since then. */
export async function previousScoresOf(db: Database, scope: TenantScope, exposureIds: readonly string[]): Promise<(Score | null)[]> {
  return nthLatestScoresOf(db, scope, exposureIds, 2);
}

async function nthLatestScoresOf(db: Database, scope: TenantScope, exposureIds: readonly string[], nth: number): Promise<(Score | null)[]> {
  const ids = validUuids(exposureIds);
  if (ids.length === 0) return exposureIds.map(() => null);
  const rows = await withTenantClient(db, scope, async (client) => {
    // Per exposure its scores by (exposure_id), a handful per run history: cheap for a page of ids. The
    // version, as-of and unit list are the run's (kept once per run).
    const result = await client.query<ScoreRow>(
      `SELECT * FROM (
         SELECT s.run_id, s.exposure_id, s.obligor_id, r.model_version_id, r.as_of::text AS as_of, encode(s.input_hash, 'hex') AS input_hash,
                s.pd, s.grade, s.reason_codes, r.reason_units, s.reason_values, r.finished_at,
                row_number() OVER (PARTITION BY s.exposure_id ORDER BY r.finished_at DESC NULLS LAST, r.id DESC) AS n
           FROM scores s JOIN scoring_runs r ON r.id = s.run_id
          WHERE s.organization_id = $1 AND s.exposure_id = ANY($2::uuid[]) AND r.status = 'SUCCEEDED') t
        WHERE n = $3`,
      [scope.organizationId, ids, nth],
    );
    return result.rows;
  });
  const labels = await reasonLabels(
    db,
    scope,
    rows.map((r) => r.model_version_id),
  );
  const byExposure = new Map(
    rows.map((r) => [
      r.exposure_id,
      {
        runId: r.run_id,
        exposureId: r.exposure_id,
        obligorId: r.obligor_id,
        modelVersionId: r.model_version_id,
        asOf: r.as_of,
        inputHash: r.input_hash,
        pd: r.pd,
        grade: r.grade,
        contributions: toContributions(r.reason_codes, r.reason_values, r.reason_units, labels.get(r.model_version_id)!),
        scoredAt: r.finished_at,
      } satisfies Score,
    ]),
  );
  return exposureIds.map((id) => byExposure.get(id) ?? null);
}
