// The scoring batch read (batch-io.ts batchReadQuery) under the tenant role: row-level security still
// isolates it, and the policy costs one comparison per table, not a setting lookup per row.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createTenantFixture } from '../testing/tenant-fixture.ts';
import { batchReadQuery } from './batch-io.ts';

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

const query = () => batchReadQuery(run, first, last, (v) => client.escapeLiteral(v));

describe('scoring batch read', () => {
  it("reads the run's exposures under its own tenant", async () => {
    const { rowCount } = await asTenant(org, () => client.query(query()));
    expect(rowCount).toBe(40);
  });

  it("reads nothing under another tenant's setting, though the query names the run's organization", async () => {
    const { rowCount } = await asTenant(otherOrg, () => client.query(query()));
    expect(rowCount).toBe(0);
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
