// One obligor, on demand: what scoring it now needs (each exposure's portfolio model, champion and
// latest features, the master scale) in one round trip, and its score history over succeeded runs.
import type { Database } from '../client.ts';
import type { MasterScaleGrade } from '../domain/models.ts';
import type { FeatureLevel } from '../domain/features.ts';
import type { ExposureInputs, ObligorScorePoint, ObligorScoringContext } from '../domain/scoring.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';
import { tenantRead } from '../tenant-read.ts';
import { FEATURE_SUBJECTS } from '../features/feature-tables.ts';

/** On-demand scoring reads at most this many of an obligor's exposures (largest books score by runs). */
export const ON_DEMAND_EXPOSURE_LIMIT = 200;

type ContextRow = {
  id: string;
  external_id: string;
  portfolio_id: string;
  portfolio_name: string;
  model_id: string | null;
  champion_id: string | null;
  e_columns: string[] | null;
  e_values: (number | string)[] | null;
  e_texts: Record<string, string> | null;
  o_columns: string[] | null;
  o_values: (number | string)[] | null;
  o_texts: Record<string, string> | null;
};

function side(
  columns: string[] | null,
  values: (number | string)[] | null,
  texts: Record<string, string> | null,
): ExposureInputs['exposure'] {
  if (columns === null || values === null) return null;
  // node-postgres parses float8[] elements with parseFloat ('NaN' -> NaN): the shortest round-trip text, bit-exact.
  return { columns, values: Float64Array.from(values, (v) => (typeof v === 'number' ? v : Number(v))), texts };
}

/** The subject's latest feature row on or before `day`: its latest row, or else its history's newest. */
function latest(level: FeatureLevel, subject: string, day: string, alias: string): string {
  const { table, history, key } = FEATURE_SUBJECTS[level];
  const rows = (from: string) => `SELECT as_of, load_id, "values", texts FROM ${from} WHERE ${key} = ${subject} AND as_of <= ${day}`;
  return `LEFT JOIN LATERAL (SELECT l.columns, f."values", f.texts FROM (${rows(table)} UNION ALL ${rows(history)}) f
      JOIN feature_loads l ON l.id = f.load_id ORDER BY f.as_of DESC LIMIT 1) ${alias} ON true`;
}

type ObligorRow = Partial<ContextRow> & {
  grades: MasterScaleGrade[] | null;
  requested: { id: string; model_id: string; status: string } | null;
};

/**
 * Everything in one statement, sent with its transaction in one round trip (tenantRead): the API's
 * p99 target leaves no room for a round trip per part on a busy machine. No row: no such obligor;
 * one row with a null id: no exposures.
 */
export async function obligorScoringContext(
  db: Database,
  scope: TenantScope,
  obligorId: string,
  options: { asOf: string; modelVersionId?: string | null },
): Promise<ObligorScoringContext & { grades: MasterScaleGrade[] | null }> {
  if (!isUuid(obligorId)) throw new NotFoundError('Obligor');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) throw new InputError('asOf', 'must be a date, YYYY-MM-DD');
  const versionId = options.modelVersionId ?? null;
  if (versionId !== null && !isUuid(versionId)) throw new NotFoundError('ModelVersion');
  const rows = await tenantRead<ObligorRow>(db, scope, (literal) => {
    const org = `${literal(scope.organizationId)}::uuid`;
    const day = `${literal(options.asOf)}::date`;
    return `SELECT (SELECT grades FROM master_scales WHERE organization_id = ${org} ORDER BY version DESC LIMIT 1) AS grades,
        ${versionId === null ? 'NULL' : `(SELECT json_build_object('id', id, 'model_id', model_id, 'status', status) FROM model_versions WHERE id = ${literal(versionId)}::uuid AND organization_id = ${org})`} AS requested,
        x.*
      FROM obligors o
      LEFT JOIN LATERAL (
        SELECT e.id, e.external_id, e.portfolio_id, p.name AS portfolio_name, pm.model_id,
               (SELECT mv.id FROM model_versions mv WHERE mv.model_id = pm.model_id AND mv.status = 'CHAMPION' LIMIT 1) AS champion_id,
               ef.columns AS e_columns, ef."values" AS e_values, ef.texts AS e_texts,
               obf.columns AS o_columns, obf."values" AS o_values, obf.texts AS o_texts
          FROM exposures e JOIN portfolios p ON p.id = e.portfolio_id
          LEFT JOIN portfolio_models pm ON pm.portfolio_id = e.portfolio_id
          ${latest('EXPOSURE', 'e.id', day, 'ef')}
          ${latest('OBLIGOR', 'e.obligor_id', day, 'obf')}
         WHERE e.obligor_id = o.id AND e.organization_id = ${org}
         ORDER BY e.id LIMIT ${ON_DEMAND_EXPOSURE_LIMIT}) x ON true
     WHERE o.id = ${literal(obligorId)}::uuid AND o.organization_id = ${org}`;
  });
  const first = rows[0];
  if (!first) throw new NotFoundError('Obligor');
  if (versionId !== null && !first.requested) throw new NotFoundError('ModelVersion');
  const requested = first.requested ? { id: first.requested.id, modelId: first.requested.model_id, status: first.requested.status } : null;
  return {
    obligorId,
    asOf: options.asOf,
    requestedVersion: requested,
    grades: first.grades,
    exposures: rows
      .filter((r): r is ObligorRow & ContextRow => typeof r.id === 'string')
      .map((r) => ({
        exposureId: r.id,
        externalId: r.external_id,
        portfolioId: r.portfolio_id,
        portfolioName: r.portfolio_name,
        modelId: r.model_id,
        championVersionId: r.champion_id,
        inputs: {
          exposureId: r.id,
          obligorId,
          exposure: side(r.e_columns, r.e_values, r.e_texts),
          obligor: side(r.o_columns, r.o_values, r.o_texts),
        },
      })),
  };
}

/** Every score of the obligor's exposures in succeeded runs, oldest run first (at most `limit`, the newest kept). */
export async function obligorScoreHistory(db: Database, scope: TenantScope, obligorId: string, limit = 500): Promise<ObligorScorePoint[]> {
  if (!isUuid(obligorId)) return [];
  const rows = await withTenantClient(db, scope, async (client) => {
    const result = await client.query<{
      run_id: string;
      exposure_id: string;
      external_id: string;
      model_version_id: string;
      as_of: string;
      pd: number;
      grade: string;
      finished_at: Date | null;
    }>(
      `SELECT * FROM (
         SELECT s.run_id, s.exposure_id, e.external_id, r.model_version_id, r.as_of::text AS as_of, s.pd, s.grade, r.finished_at
           FROM scores s JOIN scoring_runs r ON r.id = s.run_id JOIN exposures e ON e.id = s.exposure_id
          WHERE s.organization_id = $1 AND s.exposure_id IN (SELECT id FROM exposures WHERE obligor_id = $2) AND r.status = 'SUCCEEDED'
          ORDER BY r.finished_at DESC, s.exposure_id LIMIT $3) latest
        ORDER BY finished_at, exposure_id`,
      [scope.organizationId, obligorId, Math.min(Math.max(1, limit), 5000)],
    );
    return result.rows;
  });
  return rows.map((r) => ({
    runId: r.run_id,
    exposureId: r.exposure_id,
    exposureExternalId: r.external_id,
    modelVersionId: r.model_version_id,
    asOf: r.as_of,
    pd: r.pd,
    grade: r.grade,
    scoredAt: r.finished_at,
  }));
}
