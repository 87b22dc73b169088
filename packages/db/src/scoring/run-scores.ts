// A run's scores live in their own partition of `scores` (migration scores_by_run): a plain table with
// no index while the run's batches write into it by COPY, sealed when the run ends (both indexes built
// once by sort, the primary key proving one score per run and exposure, then attached), so readers of
// a finished run see it through `scores` as before. The SQL functions do the DDL as the owner and only
// for a run of the caller's organization. A partition is opened with a CHECK on its run id (migration
// run_scores_checked), so the seal attaches it without scanning its rows. A large run's partition is
// split into parts whose indexes are built as the run goes (run-score-parts.ts).
import type pg from 'pg';
import type { Database } from '../client.ts';
import { InputError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';

/** The run's partition, schema-qualified and quoted (the name probity_run_scores_table() gives). */
export function runScoresTable(runId: string): string {
  return `score_runs."${runTableName(runId)}"`;
}

/** A part of the run's partition (run-score-parts.ts), as probity_run_scores_part() names it. */
export function runScoresPart(runId: string, part: number): string {
  return `score_runs."${runTableName(runId)}_${part}"`;
}

const runTableName = (runId: string) => `r_${runId.toLowerCase().replaceAll('-', '')}`;

/**
 * Creates the run's (empty, unindexed, unattached) partition; a second call finds it. With `bounds` (the
 * first exposure ids of parts 1 and on), the partition is split by exposure id into parts.
 */
export async function openRunScores(client: pg.ClientBase, runId: string, bounds: readonly string[] = []): Promise<void> {
  await client.query('SELECT probity_open_run_scores($1::uuid, $2::uuid[])', [runId, bounds]);
}

/** Builds one part's indexes (the batch that completed it); a second call finds them built. */
export async function sealRunScoresPart(client: pg.ClientBase, runId: string, part: number): Promise<void> {
  await client.query('SELECT probity_seal_run_scores_part($1::uuid, $2::int)', [runId, part]);
}

/** Builds the partition's indexes (those of its parts not built yet) and attaches it; a second call finds it attached. */
export async function sealRunScores(client: pg.ClientBase, runId: string): Promise<void> {
  await client.query('SELECT probity_seal_run_scores($1::uuid)', [runId]);
}

/** Retention of per-run partitions: the latest `keep` finished runs of a portfolio keep their own. */
export const RUN_SCORES_RETENTION = { keep: 7, fold: 30 } as const;

/**
 * Folds a portfolio's older finished runs, `fold` to a partition, once `fold` of them have their own
 * (probity_compact_run_scores): reads that cannot prune by run plan every partition, so their number
 * must not grow with every nightly run. Returns how many runs were folded (0: below the threshold).
 */
export async function compactRunScores(
  db: Database,
  scope: TenantScope,
  portfolioId: string,
  retention: { keep: number; fold: number } = RUN_SCORES_RETENTION,
): Promise<number> {
  if (!isUuid(portfolioId)) throw new InputError('portfolioId', 'is not a UUID');
  if (!Number.isInteger(retention.keep) || retention.keep < 0) throw new InputError('keep', 'must be a whole number, at least 0');
  if (!Number.isInteger(retention.fold) || retention.fold < 2 || retention.fold > 100)
    throw new InputError('fold', 'must be a whole number from 2 to 100');
  return withTenantClient(db, scope, async (client) => {
    const { rows } = await client.query<{ folded: number }>('SELECT probity_compact_run_scores($1::uuid, $2, $3) AS folded', [
      portfolioId,
      retention.keep,
      retention.fold,
    ]);
    return rows[0]!.folded;
  });
}
