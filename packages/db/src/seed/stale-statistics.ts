// A load into an organization whose rows came after the table's last ANALYZE (a seed run again before
// autovacuum came by, a second book loaded straight after the first) found PostgreSQL estimating one
// stored obligor for it. Its joins of the staged rows with the organization's obligors then ran as
// nested loops that rebuilt a hash of the staged rows for every stored one: the demo seed's second run
// took 75 s in one statement, 80 s in the next, instead of well under a second. Before such joins the
// load compares the estimate with a count (stopped at a limit, so cheap on any table) and analyzes the
// table when the estimate is off by far.
import type pg from 'pg';

/** Counted up to this many rows; an estimate below a tenth of the count (and the count this big) is stale. */
const COUNTED_UP_TO = 10_000;
const STALE_FROM = 1_000;

/**
 * Analyzes `table` when the planner's row estimate for `organization_id = organizationId` is under a
 * tenth of the rows there (counted up to COUNTED_UP_TO). Returns whether it did.
 */
export async function analyzeWhereStale(client: pg.ClientBase, table: 'obligors' | 'exposures', organizationId: string): Promise<boolean> {
  const { rows } = await client.query<{ counted: number }>(
    `SELECT count(*)::int AS counted FROM (SELECT 1 FROM ${table} WHERE organization_id = $1 LIMIT ${COUNTED_UP_TO}) rows`,
    [organizationId],
  );
  const counted = rows[0]!.counted;
  if (counted < STALE_FROM) return false;
  const plan = await client.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${table} WHERE organization_id = $1`,
    [organizationId],
  );
  if (plan.rows[0]!['QUERY PLAN'][0].Plan['Plan Rows'] * 10 >= counted) return false;
  await client.query(`ANALYZE ${table}`);
  return true;
}
