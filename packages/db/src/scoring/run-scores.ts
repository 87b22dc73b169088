// A run's scores live in their own partition of `scores` (migration scores_by_run): a plain table with
// no index while the run's batches write into it by COPY, sealed when the run ends (both indexes built
// once by sort, the primary key proving one score per run and exposure, then attached), so readers of
// a finished run see it through `scores` as before. The SQL functions do the DDL as the owner and only
// for a run of the caller's organization.
import type pg from 'pg';

/** The run's partition, schema-qualified and quoted (the name probity_run_scores_table() gives). */
export function runScoresTable(runId: string): string {
  return `score_runs."r_${runId.toLowerCase().replaceAll('-', '')}"`;
}

/** Creates the run's (empty, unindexed, unattached) partition; a second call finds it. */
export async function openRunScores(client: pg.ClientBase, runId: string): Promise<void> {
  await client.query('SELECT probity_open_run_scores($1::uuid)', [runId]);
}

/** Builds the partition's indexes and attaches it; a second call finds it attached. */
export async function sealRunScores(client: pg.ClientBase, runId: string): Promise<void> {
  await client.query('SELECT probity_seal_run_scores($1::uuid)', [runId]);
}
