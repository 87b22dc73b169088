// Scoring runs: created once (a schedule slot makes at most one per portfolio), planned once into
// batches of exposures by id range, listed for the dashboard and the API.
import type pg from 'pg';
import type { Database } from '../client.ts';
import type { ScoringRun } from '../domain/scoring.ts';
import { NotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';
import { recordAuditRaw } from '../bulk/audit-raw.ts';
import { RUN_COLUMNS, toScoringRun, type RunRow } from './scoring-rows.ts';
import { openRunScores, sealRunScores } from './run-scores.ts';
import { batchBoundsQuery } from './batch-bounds.ts';
import { batchesPerPart, partStartBatches } from './run-score-parts.ts';

export interface CreateRunInput {
  portfolioId: string;
  modelVersionId: string;
  trigger: 'schedule' | 'manual' | 'initial';
  /** The schedule slot (scheduled runs only): a second run for the same slot is not created. */
  slot?: Date | null;
  asOf: string;
  batchSize: number;
}

/** The new run, or null when a run for the same portfolio and slot exists already. */
export async function createScoringRun(db: Database, scope: TenantScope, input: CreateRunInput): Promise<ScoringRun | null> {
  return withTenantClient(db, scope, async (client) => {
    const { rows } = await client.query<RunRow>(
      `INSERT INTO scoring_runs (id, organization_id, portfolio_id, model_version_id, trigger, slot, as_of, batch_size, requested_by_id, challenger_version_id)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6::date, $7, $8,
               (SELECT m.challenger_version_id FROM model_versions v JOIN models m ON m.id = v.model_id
                  JOIN model_versions c ON c.id = m.challenger_version_id AND c.status = 'APPROVED'
                 WHERE v.id = $3 AND m.challenger_version_id IS DISTINCT FROM $3))
       ON CONFLICT (portfolio_id, slot) DO NOTHING RETURNING ${RUN_COLUMNS}`,
      [
        scope.organizationId,
        input.portfolioId,
        input.modelVersionId,
        input.trigger,
        input.slot ?? null,
        input.asOf,
        input.batchSize,
        scope.actor.kind === 'user' ? scope.actor.userId : null,
      ],
    );
    if (!rows[0]) return null;
    const run = toScoringRun(rows[0]);
    await recordAuditRaw(client, scope, { action: 'scoringRun.create', entityType: 'ScoringRun', entityId: run.id, after: run });
    return run;
  });
}

async function lockRun(client: pg.ClientBase, scope: TenantScope, runId: string): Promise<ScoringRun> {
  if (!isUuid(runId)) throw new NotFoundError('ScoringRun');
  const { rows } = await client.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM scoring_runs WHERE id = $1 AND organization_id = $2 FOR UPDATE`, [
    runId,
    scope.organizationId,
  ]);
  if (!rows[0]) throw new NotFoundError('ScoringRun');
  return toScoringRun(rows[0]);
}

/**
 * Splits the run into batches (once: a retried plan finds them) and returns the batches still to do.
 * Batches are ranges of exposure ids, so a batch job's read is one index range scan.
 */
export async function planScoringRun(
  db: Database,
  scope: TenantScope,
  runId: string,
  backend: string,
): Promise<{ run: ScoringRun; pending: number[] }> {
  return withTenantClient(db, scope, async (client) => {
    let run = await lockRun(client, scope, runId);
    if (run.status === 'SUCCEEDED' || run.status === 'FAILED') return { run, pending: [] };
    if (run.status === 'QUEUED') {
      // No JIT for this one statement: its estimate (a count per batch, though only the last one counts)
      // is far above jit_above_cost, and compiling and optimising it took longer than running it: 0.5 to
      // 0.8 s for a million exposures with JIT, 0.2 to 0.3 s without (psql and a re-scoring bench
      // database, 2026-12-05).
      await client.query('SET LOCAL jit = off');
      const batches = await client.query<{ n: string }>(
        `INSERT INTO scoring_batches (run_id, batch_no, organization_id, first_exposure_id, last_exposure_id, exposure_count)
         SELECT $1, n, $2, first_id, last_id, exposure_count
           FROM (${batchBoundsQuery({ organization: '$2::uuid', portfolio: '$3::uuid', size: '$4' })}) b
         RETURNING exposure_count AS n`,
        [run.id, scope.organizationId, run.portfolioId, run.batchSize],
      );
      await client.query('RESET jit');
      const exposures = batches.rows.reduce((sum, r) => sum + Number(r.n), 0);
      const batchCount = batches.rowCount ?? 0;
      const empty = batchCount === 0;
      const perPart = batchesPerPart(batchCount);
      const { rows } = await client.query<RunRow>(
        `UPDATE scoring_runs SET status = $2::"ScoringRunStatus", batch_count = $3, exposure_count = $4, backend = $5, started_at = now(),
                finished_at = CASE WHEN $2::"ScoringRunStatus" = 'SUCCEEDED' THEN now() END, batches_per_part = $6
          WHERE id = $1 RETURNING ${RUN_COLUMNS}`,
        [run.id, empty ? 'SUCCEEDED' : 'RUNNING', batchCount, exposures, backend, perPart],
      );
      run = toScoringRun(rows[0]!);
      // The run's own partition of `scores`, written unindexed by its batches (run-scores.ts), in parts
      // when the run is large (run-score-parts.ts); a run with nothing to score is sealed at once.
      const bounds =
        perPart === null
          ? []
          : (
              await client.query<{ id: string }>(
                'SELECT first_exposure_id AS id FROM scoring_batches WHERE run_id = $1 AND batch_no = ANY($2::int[]) ORDER BY batch_no',
                [run.id, partStartBatches(batchCount, perPart)],
              )
            ).rows.map((r) => r.id);
      await openRunScores(client, run.id, bounds);
      if (empty) await sealRunScores(client, run.id);
    }
    const pending = await client.query<{ batch_no: number }>(
      'SELECT batch_no FROM scoring_batches WHERE run_id = $1 AND done_at IS NULL ORDER BY batch_no',
      [run.id],
    );
    return { run, pending: pending.rows.map((r) => r.batch_no) };
  });
}

/**
 * Fails a run one of whose batches will never be done: its job's retries are spent (the last one
 * expired, so no handler could say so). Only a run still RUNNING whose batch is not done; true if it
 * did. A run a handler already failed keeps its own reason.
 */
export async function failRunOfLostBatch(
  db: Database,
  scope: TenantScope,
  runId: string,
  batchNo: number,
  error: string,
): Promise<boolean> {
  const failed = await withTenantClient(db, scope, async (client) => {
    const failed = await client.query(
      `UPDATE scoring_runs SET status = 'FAILED', error = $3, finished_at = now()
        WHERE id = $1 AND status = 'RUNNING'
          AND EXISTS (SELECT 1 FROM scoring_batches WHERE run_id = $1 AND batch_no = $2 AND done_at IS NULL)`,
      [runId, batchNo, error.slice(0, 2000)],
    );
    return (failed.rowCount ?? 0) > 0;
  });
  if (failed) await sealFailedRun(db, scope, runId);
  return failed;
}

// A failed run keeps the scores its done batches wrote, readable like any run's: its partition is
// sealed after the failure commits, in a transaction of its own (a batch still writing into the
// partition finishes first: sealing waits for its lock, and that batch no longer waits for the run row).
async function sealFailedRun(db: Database, scope: TenantScope, runId: string): Promise<void> {
  await withTenantClient(db, scope, (client) => sealRunScores(client, runId));
}

/** Marks the run failed with the reason (a batch that ran out of retries, a model that cannot load). */
export async function failScoringRun(db: Database, scope: TenantScope, runId: string, error: string): Promise<void> {
  await withTenantClient(db, scope, async (client) => {
    await client.query(
      `UPDATE scoring_runs SET status = 'FAILED', error = $2, finished_at = now() WHERE id = $1 AND status <> 'SUCCEEDED'`,
      [runId, error.slice(0, 2000)],
    );
  });
  await sealFailedRun(db, scope, runId);
}

export async function getScoringRun(db: Database, scope: TenantScope, runId: string): Promise<ScoringRun | null> {
  if (!isUuid(runId)) return null;
  return withTenantClient(db, scope, async (client) => {
    const { rows } = await client.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM scoring_runs WHERE id = $1 AND organization_id = $2`, [
      runId,
      scope.organizationId,
    ]);
    return rows[0] ? toScoringRun(rows[0]) : null;
  });
}

/** A portfolio's runs, newest first. */
export async function listScoringRuns(db: Database, scope: TenantScope, portfolioId: string, limit = 50): Promise<ScoringRun[]> {
  if (!isUuid(portfolioId)) return [];
  return withTenantClient(db, scope, async (client) => {
    const { rows } = await client.query<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM scoring_runs WHERE portfolio_id = $1 AND organization_id = $2 ORDER BY created_at DESC, id DESC LIMIT $3`,
      [portfolioId, scope.organizationId, Math.min(Math.max(limit, 1), 200)],
    );
    return rows.map(toScoringRun);
  });
}
