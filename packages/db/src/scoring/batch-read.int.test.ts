// The scoring batch read (batch-io.ts batchReadQuery) under the tenant role: row-level security still
// isolates it, and the policy costs one comparison per table, not a setting lookup per row.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createTenantFixture } from '../testing/tenant-fixture.ts';
import { BATCH_READ_SETTINGS, batchReadQuery } from './batch-io.ts';

interface PlanNode {
  'Node Type': string;
  Filter?: string;
  'One-Time Filter'?: string;
  Plans?: PlanNode[];
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

let client: pg.Client;
let org: string;
let otherOrg: string;
let run: { organizationId: string; portfolioId: string; asOf: string };
let first: string;
let last: string;
let featured: string[];

beforeAll(async () => {
  const url = inject('databaseUrl');
  const a = await createTenantFixture(url, { label: 'batch-read', exposures: 40 });
  const b = await createTenantFixture(url, { label: 'batch-read-other', exposures: 5 });
  org = a.organizationId;
  otherOrg = b.organizationId;
  run = { organizationId: org, portfolioId: a.portfolioId, asOf: '2026-11-30' };
  client = new pg.Client({ connectionString: url });
  await client.connect();
  const ids = await client.query<{ first: string; last: string }>(
    'SELECT min(id::text) AS first, max(id::text) AS last FROM exposures WHERE portfolio_id = $1',
    [a.portfolioId],
  );
  first = ids.rows[0]!.first;
  last = ids.rows[0]!.last;
  // Three exposures and their obligors with feature rows before, on and after the run's as-of date
  // (2026-11-30): the read must take each one's latest on or before it, here from the history (the
  // newest day, 2026-12-31, is the latest row, the others are history).
  const some = await client.query<{ id: string; obligor_id: string }>(
    'SELECT id, obligor_id FROM exposures WHERE portfolio_id = $1 ORDER BY id LIMIT 3',
    [a.portfolioId],
  );
  const days = ['2026-09-30', '2026-11-30', '2026-10-31', '2026-12-31'];
  for (const [level, latest, history, key] of [
    ['EXPOSURE', 'exposure_features', 'exposure_feature_history', 'exposure_id'],
    ['OBLIGOR', 'obligor_features', 'obligor_feature_history', 'obligor_id'],
  ] as const) {
    for (const [k, day] of days.entries()) {
      const load = await client.query<{ id: string }>(
        `INSERT INTO feature_loads (id, organization_id, level, as_of, columns, row_count, sha256)
         VALUES (gen_random_uuid(), $1, $2, $3, '{x}', 3, 'test') RETURNING id`,
        [org, level, day],
      );
      for (const row of some.rows) {
        const table = day === '2026-12-31' ? latest : history;
        await client.query(`INSERT INTO ${table} (organization_id, ${key}, as_of, load_id, "values") VALUES ($1, $2, $3, $4, $5)`, [
          org,
          key === 'exposure_id' ? row.id : row.obligor_id,
          day,
          load.rows[0]!.id,
          [k],
        ]);
      }
    }
  }
  featured = some.rows.map((r) => r.id);
}, 60_000);
afterAll(async () => client?.end());

/** Runs `work` as the tenant role with `tenant`'s setting, in a transaction rolled back after. */
async function asTenant<T>(tenant: string, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', $1, true)`, [tenant]);
    return await work();
  } finally {
    await client.query('ROLLBACK');
  }
}

const query = () => batchReadQuery(run, first, last, (v) => client.escapeLiteral(v), { obligorFeatures: true });

describe('scoring batch read', () => {
  it("reads the run's exposures under its own tenant", async () => {
    const { rowCount } = await asTenant(org, () => client.query(query()));
    expect(rowCount).toBe(40);
  });

  it("reads nothing under another tenant's setting, though the query names the run's organization", async () => {
    const { rowCount } = await asTenant(otherOrg, () => client.query(query()));
    expect(rowCount).toBe(0);
  });

  it("reads each exposure's and its obligor's latest feature row on or before the run's as-of date", async () => {
    const { rows } = await asTenant(org, () =>
      client.query<[string, string, string, number[] | null, ...unknown[]]>({ text: query(), rowMode: 'array' }),
    );
    const values = new Map(rows.map((r) => [r[0], [r[3], r[6]]]));
    // The row of 2026-11-30 (written second of four, value 1), on both sides; exposures without rows read none.
    for (const id of featured) expect(values.get(id)).toEqual([[1], [1]]);
    expect([...values.values()].filter(([e]) => e !== null)).toHaveLength(featured.length);
  });

  it('reads the latest rows alone for a run dated on or after them', async () => {
    const later = batchReadQuery({ ...run, asOf: '2027-01-31' }, first, last, (v) => client.escapeLiteral(v), { obligorFeatures: true });
    const { rows } = await asTenant(org, () =>
      client.query<[string, string, string, number[] | null, ...unknown[]]>({ text: later, rowMode: 'array' }),
    );
    const values = new Map(rows.map((r) => [r[0], [r[3], r[6]]]));
    for (const id of featured) expect(values.get(id)).toEqual([[3], [3]]);
  });

  it('reads nothing for a subject whose rows all lie after the run', async () => {
    const early = batchReadQuery({ ...run, asOf: '2026-08-31' }, first, last, (v) => client.escapeLiteral(v), { obligorFeatures: true });
    const { rows } = await asTenant(org, () =>
      client.query<[string, string, string | null, number[] | null, ...unknown[]]>({ text: early, rowMode: 'array' }),
    );
    expect(rows.filter((r) => r[2] !== null || r[3] !== null || r[5] !== null || r[6] !== null)).toEqual([]);
  });

  it('returns one row per exposure of the batch, under the plan a batch runs it with', async () => {
    const { rows } = await asTenant(org, async () => {
      await client.query(BATCH_READ_SETTINGS);
      return client.query<{ id: string }>(query());
    });
    const ids = rows.map((r) => r.id).sort();
    const all = await client.query<{ id: string }>('SELECT id::text FROM exposures WHERE portfolio_id = $1 ORDER BY id', [run.portfolioId]);
    expect(ids).toEqual(all.rows.map((r) => r.id));
  });

  it('checks the tenant once per table, not per row', async () => {
    const plan = await asTenant(org, async () => {
      await client.query('SET LOCAL enable_seqscan = off'); // the plan of a real batch, on this tiny table
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${query()}`);
      return rows[0]!['QUERY PLAN'][0].Plan;
    });
    const all = nodes(plan);
    // The policy's comparison stays in the plan (isolation), as a one-time filter...
    const oneTime = all.filter((n) => n['One-Time Filter']?.includes('probity.org_id'));
    expect(oneTime.length).toBeGreaterThanOrEqual(3);
    // ...and no scan reads the setting per row.
    const perRow = all.filter((n) => n.Filter?.includes('probity.org_id'));
    expect(perRow.map((n) => `${n['Node Type']}: ${n.Filter}`)).toEqual([]);
  });
});
