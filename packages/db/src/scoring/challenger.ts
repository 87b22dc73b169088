// Challengers: an APPROVED version of a model (not its champion) designated to score in shadow in every
// run of the model's champion; and what comparing the two in a run reads.
import type { Database } from '../client.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';
import { recordAuditRaw } from '../bulk/audit-raw.ts';

/** Designates (or, with null, clears) the model's challenger; RISK_OFFICER and up (checked by the caller). */
export async function setModelChallenger(
  db: Database,
  scope: TenantScope,
  modelId: string,
  versionId: string | null,
): Promise<string | null> {
  if (!isUuid(modelId)) throw new NotFoundError('Model');
  if (versionId !== null && !isUuid(versionId)) throw new InputError('versionId', 'no such version of this model');
  return withTenantClient(db, scope, async (client) => {
    const model = await client.query<{ challenger_version_id: string | null }>(
      'SELECT challenger_version_id FROM models WHERE id = $1 AND organization_id = $2 FOR UPDATE',
      [modelId, scope.organizationId],
    );
    if (!model.rows[0]) throw new NotFoundError('Model');
    if (versionId !== null) {
      // FOR SHARE: a transition of this version (which takes the model's row first, as here) waits, so
      // the version cannot leave APPROVED between this check and the commit.
      const version = await client.query<{ status: string; version: number }>(
        'SELECT status, version FROM model_versions WHERE id = $1 AND model_id = $2 FOR SHARE',
        [versionId, modelId],
      );
      const v = version.rows[0];
      if (!v) throw new InputError('versionId', 'no such version of this model');
      if (v.status !== 'APPROVED') {
        throw new InputError('versionId', `version ${v.version} is ${v.status}: a challenger must be APPROVED and not the champion`);
      }
    }
    await client.query('UPDATE models SET challenger_version_id = $2, updated_at = now() WHERE id = $1', [modelId, versionId]);
    await recordAuditRaw(client, scope, {
      action: 'model.setChallenger',
      entityType: 'Model',
      entityId: modelId,
      before: { challengerVersionId: model.rows[0].challenger_version_id },
      after: { challengerVersionId: versionId },
    });
    return versionId;
  });
}

export interface ChallengerPairs {
  challengerVersionId: string;
  championPd: Float64Array;
  challengerPd: Float64Array;
  championGrade: string[];
  challengerGrade: string[];
  /** 1 = defaulted within 12 months after the run's as-of day (as back-testing counts). */
  defaulted: Uint8Array;
}

/** The run's champion and challenger scores of each exposure both scored; null without a challenger. */
export async function challengerPairs(db: Database, scope: TenantScope, runId: string): Promise<ChallengerPairs | null> {
  if (!isUuid(runId)) return null;
  return withTenantClient(db, scope, async (client) => {
    const run = await client.query<{ challenger_version_id: string | null; as_of: string }>(
      `SELECT challenger_version_id, as_of::text AS as_of FROM scoring_runs WHERE id = $1 AND organization_id = $2 AND status = 'SUCCEEDED'`,
      [runId, scope.organizationId],
    );
    const r = run.rows[0];
    if (!r?.challenger_version_id) return null;
    const { rows } = await client.query<{ pd: number; grade: string; cpd: number; cgrade: string; outcome: number }>(
      `SELECT s.pd, s.grade, c.pd AS cpd, c.grade AS cgrade,
              CASE WHEN e.defaulted_on > $3::date AND e.defaulted_on <= $3::date + interval '12 months' THEN 1 ELSE 0 END AS outcome
         FROM scores s JOIN challenger_scores c ON c.run_id = s.run_id AND c.exposure_id = s.exposure_id AND c.model_version_id = $2
         JOIN exposures e ON e.id = s.exposure_id
        WHERE s.run_id = $1 AND (e.defaulted_on IS NULL OR e.defaulted_on > $3::date)`,
      [runId, r.challenger_version_id, r.as_of],
    );
    return {
      challengerVersionId: r.challenger_version_id,
      championPd: Float64Array.from(rows, (x) => x.pd),
      challengerPd: Float64Array.from(rows, (x) => x.cpd),
      championGrade: rows.map((x) => x.grade),
      challengerGrade: rows.map((x) => x.cgrade),
      defaulted: Uint8Array.from(rows, (x) => x.outcome),
    };
  });
}
