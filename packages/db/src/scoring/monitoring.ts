// Monitoring of scoring runs: what the computation after a run needs (the version's validation report,
// the batches' counts, the grade pairs against the previous succeeded run), storing its result once,
// and reading it back.
import type pg from 'pg';
import type { Database } from '../client.ts';
import type { JsonValue } from '../domain/values.ts';
import type { ScoringRun } from '../domain/scoring.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';
import { RUN_COLUMNS, toScoringRun, type RunRow } from './scoring-rows.ts';

export interface RunMonitorInputs {
  run: ScoringRun;
  /** Monitoring is stored already (a retried job, a second worker): nothing to do. */
  monitored: boolean;
  validationReport: JsonValue | null;
  /** Each batch's monitor counts (null for batches written before counts existed). */
  batchCounts: (JsonValue | null)[];
  previousRunId: string | null;
  gradePairs: { from: string | null; to: string; count: number }[];
}

/** The portfolio's latest succeeded run that finished before this one, or null. */
async function previousRun(client: pg.ClientBase, run: ScoringRun): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM scoring_runs
      WHERE portfolio_id = $1 AND organization_id = $2 AND status = 'SUCCEEDED' AND id <> $3 AND finished_at <= $4
      ORDER BY finished_at DESC, id DESC LIMIT 1`,
    [run.portfolioId, run.organizationId, run.id, run.finishedAt ?? new Date()],
  );
  return rows[0]?.id ?? null;
}

export async function scoringRunMonitorInputs(db: Database, scope: TenantScope, runId: string): Promise<RunMonitorInputs | null> {
  if (!isUuid(runId)) return null;
  return withTenantClient(db, scope, async (client) => {
    const found = await client.query<RunRow & { monitored: boolean }>(
      `SELECT ${RUN_COLUMNS}, monitoring IS NOT NULL AS monitored FROM scoring_runs WHERE id = $1 AND organization_id = $2`,
      [runId, scope.organizationId],
    );
    const row = found.rows[0];
    if (!row) return null;
    const run = toScoringRun(row);
    const base = { run, monitored: row.monitored, validationReport: null, batchCounts: [], previousRunId: null, gradePairs: [] };
    if (row.monitored || run.status !== 'SUCCEEDED') return base;
    const version = await client.query<{ validation_report: JsonValue | null }>(
      'SELECT validation_report FROM model_versions WHERE id = $1',
      [run.modelVersionId],
    );
    const batches = await client.query<{ monitor_counts: JsonValue | null }>(
      'SELECT monitor_counts FROM scoring_batches WHERE run_id = $1 ORDER BY batch_no',
      [run.id],
    );
    const previousRunId = await previousRun(client, run);
    let gradePairs: RunMonitorInputs['gradePairs'] = [];
    if (previousRunId) {
      // Both sides by primary key (run_id, exposure_id): one pass over each run's scores.
      const pairs = await client.query<{ from: string | null; to: string; count: string }>(
        `SELECT p.grade AS "from", c.grade AS "to", count(*) AS count
           FROM scores c LEFT JOIN scores p ON p.run_id = $2 AND p.exposure_id = c.exposure_id
          WHERE c.run_id = $1 GROUP BY 1, 2`,
        [run.id, previousRunId],
      );
      gradePairs = pairs.rows.map((r) => ({ from: r.from, to: r.to, count: Number(r.count) }));
    }
    return {
      ...base,
      validationReport: version.rows[0]?.validation_report ?? null,
      batchCounts: batches.rows.map((b) => b.monitor_counts),
      previousRunId,
      gradePairs,
    };
  });
}

/** Stores a succeeded run's monitoring unless some other job stored it first; true when this call did. */
export async function storeScoringRunMonitoring(db: Database, scope: TenantScope, runId: string, monitoring: JsonValue): Promise<boolean> {
  return withTenantClient(db, scope, async (client) => {
    const { rowCount } = await client.query(
      `UPDATE scoring_runs SET monitoring = $2::jsonb WHERE id = $1 AND organization_id = $3 AND status = 'SUCCEEDED' AND monitoring IS NULL`,
      [runId, JSON.stringify(monitoring), scope.organizationId],
    );
    return (rowCount ?? 0) > 0;
  });
}

/** Each run's stored monitoring (null while not computed), in the order asked. */
export async function scoringRunMonitorings(db: Database, scope: TenantScope, runIds: readonly string[]): Promise<(JsonValue | null)[]> {
  const ids = runIds.filter(isUuid);
  if (ids.length === 0) return runIds.map(() => null);
  const rows = await withTenantClient(db, scope, async (client) => {
    const result = await client.query<{ id: string; monitoring: JsonValue | null }>(
      'SELECT id, monitoring FROM scoring_runs WHERE id = ANY($1::uuid[]) AND organization_id = $2',
      [ids, scope.organizationId],
    );
    return result.rows;
  });
  const byId = new Map(rows.map((r) => [r.id, r.monitoring]));
  return runIds.map((id) => byId.get(id) ?? null);
}

/**
 * Succeeded runs whose monitoring was never stored (runs from before monitoring existed; a job that
 * gave up after the last batch), finished at least graceMs ago so the finishing job goes first.
 */
export async function unmonitoredScoringRuns(db: Database, scope: TenantScope, graceMs = 120_000, limit = 20): Promise<string[]> {
  return withTenantClient(db, scope, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM scoring_runs WHERE organization_id = $1 AND status = 'SUCCEEDED' AND monitoring IS NULL
          AND finished_at < now() - make_interval(secs => $2 / 1000.0) ORDER BY finished_at LIMIT $3`,
      [scope.organizationId, graceMs, limit],
    );
    return rows.map((r) => r.id);
  });
}
