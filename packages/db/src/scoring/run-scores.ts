// A run's scores live in the run's own table while it writes (no index, so a batch's COPY only appends)
// and become the run's partition of `scores` when it succeeds: PostgreSQL then checks that every row is
// the run's and builds the partition's primary key (one score per run and exposure) and its indexes
// once, in bulk. Readers only ever see finished runs. The functions are the migration
// 20261130170000_rescore_run_partitions's (security definer: only the owner may create or attach).
import type pg from 'pg';

/** Creates the run's empty table (when the run is planned; a retried plan finds it). */
export async function openRunScores(client: pg.ClientBase, runId: string): Promise<void> {
  await client.query('SELECT probity_open_run_scores($1::uuid)', [runId]);
}

/**
 * Switches the transaction to the owner's role (the caller switches back) and names the table a batch's
 * COPY writes into: the run's own, or `scores` itself for a run planned before scores were partitioned
 * (its partition exists already).
 */
export async function runScoresTarget(client: pg.ClientBase, runId: string): Promise<string> {
  const { rows } = await client.query<{ target: string | null }>(
    `SELECT set_config('role', 'none', true), to_regclass(probity_run_scores_table($1::uuid))::text AS target`,
    [runId],
  );
  return rows[0]?.target ?? 'scores';
}

/** The finished run's table becomes its partition (builds its key and indexes; a duplicate fails here). */
export async function attachRunScores(client: pg.ClientBase, runId: string): Promise<void> {
  await client.query('SELECT probity_close_run_scores($1::uuid)', [runId]);
}
