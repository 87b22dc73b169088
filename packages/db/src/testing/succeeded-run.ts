// A succeeded scoring run whose scores a test or benchmark writes itself: the run row, and its
// partition of `scores` opened and sealed empty (indexed and attached), so plain INSERTs into `scores`
// land in it. The caller then inserts the scores and records the run's figures per grade with
// `probity_record_run_grades(run)`, as a real run's last batch leaves them.
import type pg from 'pg';

export async function insertSucceededRun(
  client: pg.ClientBase,
  run: { organizationId: string; portfolioId: string; versionId: string; scoredCount: number; asOf?: string },
): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO scoring_runs (id, organization_id, portfolio_id, model_version_id, status, trigger, as_of, batch_size, scored_count, finished_at)
     VALUES (gen_random_uuid(), $1, $2, $3, 'SUCCEEDED', 'manual', coalesce($5::date, current_date), 5000, $4, now()) RETURNING id`,
    [run.organizationId, run.portfolioId, run.versionId, run.scoredCount, run.asOf ?? null],
  );
  const runId = rows[0]!.id;
  await client.query('SELECT probity_open_run_scores($1::uuid)', [runId]);
  await client.query('SELECT probity_seal_run_scores($1::uuid)', [runId]);
  return runId;
}

/**
 * The benches' scores: every exposure of the portfolio scored in `runId`, its PD spread evenly over
 * [0, 0.25) by the hash of its reference and graded in bands of 0.02 (G01 to G13), then the run's
 * figures per grade recorded.
 */
export async function insertBandedScores(client: pg.ClientBase, runId: string, portfolioId: string): Promise<void> {
  await client.query(
    `INSERT INTO scores (run_id, exposure_id, organization_id, obligor_id, input_hash, pd, grade, reason_codes, reason_values)
     SELECT $1, e.id, e.organization_id, e.obligor_id, decode(repeat('c', 64), 'hex'), t.pd, 'G' || lpad((floor(t.pd / 0.02)::int + 1)::text, 2, '0'), '{}', '{}'
       FROM exposures e, LATERAL (SELECT ((hashtext(e.external_id)::bigint + 2147483648) % 1000000)::float8 / 4000000 AS pd) t
      WHERE e.portfolio_id = $2`,
    [runId, portfolioId],
  );
  await client.query('SELECT probity_record_run_grades($1::uuid)', [runId]);
}
