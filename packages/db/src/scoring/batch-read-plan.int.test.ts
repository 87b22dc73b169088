// The scoring batch read's plan (batch-io.ts), on books big enough for the planner to plan as it does
// for a real run: a merge of the exposures and their feature rows, both walked backwards by their
// primary keys, with no Sort and no Nested Loop above the feature rows. Both cases the read was written
// for: a batch within the statistics, and a batch of exposures added after the last ANALYZE (estimated
// at one row, where a nested loop walked the range's feature rows once per exposure). On a database of
// its own with autovacuum off for these tables, so the statistics are the ones this file makes (on the
// shared test database other tests' rows moved the plan of a 40-row fixture either way).
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createFreshDatabase, type FreshDatabase } from '../testing/database.ts';
import { loadBook } from '../testing/load-book.ts';
import { syntheticRows } from '../seed/synthetic-portfolio.ts';
import { BATCH_READ_SETTINGS, batchReadQuery } from './batch-io.ts';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Parent Relationship'?: string;
  'Actual Loops'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

/** Every node's path from the top, the node last. */
const paths = (n: PlanNode): PlanNode[][] => [[n], ...(n.Plans ?? []).flatMap(paths).map((p) => [n, ...p])];

const BATCH = 5_000;
const AS_OF = '2026-11-30';

let database: FreshDatabase;
let owner: pg.Client;
let organizationId: string;

/** A book of `count` exposures (references prefixed `prefix`), each with two feature rows; returns its portfolio. */
async function bookWithFeatures(slug: string, book: string, prefix: string, count: number): Promise<string> {
  const rows = [...syntheticRows(count, { prefix })];
  const loaded = await loadBook(
    owner,
    { slug, book, description: 'batch read plan' },
    rows.map((r) => r.obligor),
    rows.map((r) => r.exposure),
  );
  organizationId = loaded.organizationId;
  // Feature rows written in id order, as a feature file's COPY writes them; two as-of dates each, the
  // older one in the history.
  for (const [day, table] of [
    ['2026-09-30', 'exposure_feature_history'],
    ['2026-10-31', 'exposure_features'],
  ]) {
    await owner.query(
      `WITH load AS (INSERT INTO feature_loads (id, organization_id, level, as_of, columns, row_count, sha256)
                     VALUES (gen_random_uuid(), $1, 'EXPOSURE', $2, '{x}', $3, 'test') RETURNING id)
       INSERT INTO ${table} (organization_id, exposure_id, as_of, load_id, "values")
       SELECT $1, e.id, $2, load.id, ARRAY[e.days_past_due::float8] FROM exposures e, load
        WHERE e.portfolio_id = $4 ORDER BY e.id`,
      [organizationId, day, count, loaded.portfolioId],
    );
  }
  return loaded.portfolioId;
}

/**
 * The plan of the read of the batch at `offset` in `portfolioId`'s ids, as a scoring batch runs it (run
 * with ANALYZE: each node's actual loops).
 */
async function batchPlan(
  portfolioId: string,
  offset: number,
  options: { analyze?: boolean; asOf?: string; obligorFeatures?: boolean } = {},
): Promise<PlanNode> {
  const { rows } = await owner.query<{ first: string; last: string }>(
    `SELECT min(id::text) AS first, max(id::text) AS last
       FROM (SELECT id FROM exposures WHERE portfolio_id = $1 ORDER BY id OFFSET $2 LIMIT $3) batch`,
    [portfolioId, offset, BATCH],
  );
  const query = batchReadQuery(
    { organizationId, portfolioId, asOf: options.asOf ?? AS_OF },
    rows[0]!.first,
    rows[0]!.last,
    (v) => owner.escapeLiteral(v),
    { obligorFeatures: options.obligorFeatures ?? true },
  );
  await owner.query('BEGIN');
  try {
    await owner.query(`SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', $1, true)`, [organizationId]);
    await owner.query(BATCH_READ_SETTINGS);
    const plan = await owner.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (${options.analyze ? 'ANALYZE, ' : ''}FORMAT JSON) ${query}`,
    );
    return plan.rows[0]!['QUERY PLAN'][0].Plan;
  } finally {
    await owner.query('ROLLBACK');
  }
}

/** The paths to the scans of `table` that read rows for the join (not the one-time checks, InitPlans). */
const scansOf = (plan: PlanNode, table: string) =>
  paths(plan).filter((p) => p.at(-1)!['Relation Name'] === table && !p.some((n) => n['Parent Relationship'] === 'InitPlan'));

/** What lies above the latest feature rows' scans: Sorts and Nested Loops per scan, and the scans' kinds. */
function featureSide(plan: PlanNode) {
  const toFeatures = scansOf(plan, 'exposure_features');
  const count = (type: string) => toFeatures.map((p) => p.filter((n) => n['Node Type'] === type).length);
  return { sorts: count('Sort'), nestedLoops: count('Nested Loop'), scans: toFeatures.map((p) => p.at(-1)!['Node Type']) };
}

const MERGED = { sorts: [0], nestedLoops: [0], scans: ['Index Scan'] };

beforeAll(async () => {
  database = await createFreshDatabase(inject('databaseServerUrl'), 'batch_read_plan');
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
  for (const table of ['exposures', 'exposure_features', 'exposure_feature_history', 'obligors', 'obligor_features'])
    await owner.query(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
}, 60_000);
afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

describe('scoring batch read plan', () => {
  it('merges the two ordered walks, with no Sort or Nested Loop above the feature rows, for a batch the statistics know', async () => {
    const portfolioId = await bookWithFeatures('brp', 'Known book', 'K-', 20_000);
    await owner.query('ANALYZE exposures, exposure_features, obligors, obligor_features');
    expect(featureSide(await batchPlan(portfolioId, 10_000))).toEqual(MERGED);
  }, 120_000);

  it('keeps that plan for exposures added after the last ANALYZE (a range estimated at one row)', async () => {
    // Same organization, a later book: its ids (time-ordered) lie past every statistic the first test took.
    const portfolioId = await bookWithFeatures('brp', 'New book', 'N-', 10_000);
    expect(featureSide(await batchPlan(portfolioId, 2_500))).toEqual(MERGED);
  }, 120_000);

  it('reads the history only for a run dated before the latest rows', async () => {
    const portfolioId = await bookWithFeatures('brp', 'Dated book', 'D-', 10_000);
    await owner.query('ANALYZE exposures, exposure_features, exposure_feature_history');
    const historyLoops = async (asOf: string) =>
      scansOf(await batchPlan(portfolioId, 2_500, { analyze: true, asOf }), 'exposure_feature_history').map(
        (p) => p.at(-1)!['Actual Loops'],
      );
    // Dated on or after every latest row (2026-10-31): the history's scan never runs.
    expect(await historyLoops(AS_OF)).toEqual([0]);
    // Dated between the two days: every exposure's row is its history's.
    expect(await historyLoops('2026-10-15')).toEqual([1]);
  }, 120_000);

  it("finds the batch's obligors' rows by key, not by reading every obligor's row of the organization", async () => {
    const portfolioId = await bookWithFeatures('brp', 'Obligor book', 'O-', 20_000);
    // Every obligor of the organization (this book's and the earlier tests') has a latest row and an older one.
    for (const [day, table] of [
      ['2026-09-30', 'obligor_feature_history'],
      ['2026-10-31', 'obligor_features'],
    ]) {
      await owner.query(
        `WITH load AS (INSERT INTO feature_loads (id, organization_id, level, as_of, columns, row_count, sha256)
                       VALUES (gen_random_uuid(), $1, 'OBLIGOR', $2, '{ratio}', 0, 'test') RETURNING id)
         INSERT INTO ${table} (organization_id, obligor_id, as_of, load_id, "values")
         SELECT $1, o.id, $2, load.id, ARRAY[1.5::float8] FROM obligors o, load WHERE o.organization_id = $1 ORDER BY o.id`,
        [organizationId, day],
      );
    }
    await owner.query('ANALYZE obligors, obligor_features, obligor_feature_history');
    const { rows } = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM obligor_features WHERE organization_id = $1', [
      organizationId,
    ]);
    expect(rows[0]!.n).toBeGreaterThan(4 * BATCH);
    const plan = await batchPlan(portfolioId, 10_000, { analyze: true });
    const latest = scansOf(plan, 'obligor_features').map((p) => p.at(-1)!);
    expect(latest.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    // The batch's obligors' rows alone (a book's obligor may hold several of its exposures).
    expect(latest.reduce((sum, n) => sum + n['Actual Rows']! * n['Actual Loops']!, 0)).toBeLessThanOrEqual(BATCH);
    // Dated on or after every latest row: the obligors' history is never read.
    expect(scansOf(plan, 'obligor_feature_history').map((p) => p.at(-1)!['Actual Loops'])).toEqual([0]);
    // An organization without obligor-level loads reads no obligor table at all.
    const without = await batchPlan(portfolioId, 10_000, { obligorFeatures: false });
    expect(paths(without).filter((p) => (p.at(-1)!['Relation Name'] ?? '').startsWith('obligor_'))).toEqual([]);
  }, 120_000);
});
