// An obligor's exposures across portfolios as cursor connections, batched for many obligors, and the
// obligor's figures over all of them.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createDatabase, type Database } from '../client.ts';
import { createTenantFixture, type TenantFixture } from '../testing/tenant-fixture.ts';
import type { TenantScope } from '../scope.ts';
import { listExposures } from './exposures.ts';
import { exposuresOfObligors } from './obligor-exposures.ts';
import { obligorTotalsByIds } from './obligors.ts';

let db: Database;
let t: TenantFixture;
let other: TenantFixture;
let scope: TenantScope;
let big: string; // an obligor with 9 exposures in two portfolios and two currencies
let small: string; // an obligor with 1

// Extra exposures of `big`: EADs with ties (paging must break them by id), a second portfolio, USD.
const EXTRA = ['500.00', '2500.00', '2500.00', '2500.00', '900.50', '10000.00', '2500.00', '75.25'];

beforeAll(async () => {
  const url = inject('databaseUrl');
  db = createDatabase({ connectionString: url });
  [t, other] = await Promise.all([
    createTenantFixture(url, { label: 'oblexp', exposures: 3 }),
    createTenantFixture(url, { label: 'oblexp-other', exposures: 1 }),
  ]);
  scope = { organizationId: t.organizationId, actor: { kind: 'user', userId: t.users.VIEWER.id } };
  const all = (await listExposures(db, scope, t.portfolioId, { first: 10, orderBy: { field: 'EXTERNAL_ID', direction: 'ASC' } })).nodes;
  big = all[0]!.obligorId;
  small = all[1]!.obligorId;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO portfolios (id, organization_id, name, base_currency, updated_at) VALUES (gen_random_uuid(), $1, 'Second book', 'USD', now()) RETURNING id`,
    [t.organizationId],
  );
  for (const [i, ead] of EXTRA.entries()) {
    await client.query(
      `INSERT INTO exposures (id, organization_id, portfolio_id, obligor_id, external_id, product, currency, ead, "limit", lgd, days_past_due, status, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'Term loan', $5, $6, 5000, 0.4, $7, 'PERFORMING', now())`,
      [t.organizationId, i % 2 ? rows[0]!.id : t.portfolioId, big, `${t.slug}-X${i}`, i % 3 === 0 ? 'USD' : 'EUR', ead, i * 10],
    );
  }
  await client.end();
});
afterAll(async () => db.close());

describe('obligor exposures', () => {
  it('pages through one obligor largest first, ties by id, each exactly once in both directions', async () => {
    const [everything] = await exposuresOfObligors(db, scope, [big], { first: 50 });
    expect(everything!.totalCount).toBe(9);
    const eads = everything!.nodes.map((e) => Number(e.ead));
    expect(eads).toEqual([...eads].sort((a, b) => b - a));
    for (let i = 1; i < everything!.nodes.length; i += 1) {
      const [prev, cur] = [everything!.nodes[i - 1]!, everything!.nodes[i]!];
      if (prev.ead === cur.ead) expect(prev.id > cur.id).toBe(true);
    }
    const expected = everything!.nodes.map((e) => e.id);

    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const [page] = await exposuresOfObligors(db, scope, [big], { first: 2, after });
      forward.push(...page!.nodes.map((e) => e.id));
      if (!page!.pageInfo.hasNextPage) break;
      after = page!.pageInfo.endCursor;
    }
    expect(forward).toEqual(expected);

    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const [page] = await exposuresOfObligors(db, scope, [big], { last: 2, before });
      backward.unshift(...page!.nodes.map((e) => e.id));
      if (!page!.pageInfo.hasPreviousPage) break;
      before = page!.pageInfo.startCursor;
    }
    expect(backward).toEqual(expected);
  });

  it('answers many obligors in one call, in order, with nothing for foreign or malformed ids', async () => {
    const foreign = (await listExposures(db, { ...scope, organizationId: other.organizationId }, other.portfolioId, { first: 1 }))
      .nodes[0]!;
    const pages = await exposuresOfObligors(db, scope, [small, big, foreign.obligorId, 'not-a-uuid'], { first: 3 });
    expect(pages.map((p) => p.totalCount)).toEqual([1, 9, 0, 0]);
    expect(pages.map((p) => p.nodes.length)).toEqual([1, 3, 0, 0]);
    expect(pages[1]!.nodes[0]!.ead).toBe('10000.00');
    await expect(exposuresOfObligors(db, scope, [big], { after: 'garbage' })).rejects.toThrow(/after: is not a valid cursor/);
  });

  it("sums the obligor's figures over all exposures, not one page", async () => {
    const [totals, single, none] = await obligorTotalsByIds(db, scope, [big, small, '00000000-0000-4000-8000-000000000000']);
    // The fixture's exposure 0: EAD 1000, limit 2000, DPD 120 (defaulted); the extras: limit 5000 each.
    const extraEad = EXTRA.reduce((sum, ead) => sum + Number(ead), 0);
    expect(totals).toEqual({
      exposureCount: 9,
      portfolioCount: 2,
      totalEad: (1000 + extraEad).toFixed(2),
      totalLimit: (2000 + 8 * 5000).toFixed(2),
      utilisation: ((1000 + extraEad) / 42000).toFixed(6),
      maxDaysPastDue: 120,
      currencies: ['EUR', 'USD'],
    });
    expect(single).toEqual(expect.objectContaining({ exposureCount: 1, portfolioCount: 1, totalEad: '2000.00', currencies: ['EUR'] }));
    expect(none).toEqual(expect.objectContaining({ exposureCount: 0, totalEad: '0.00', utilisation: null, currencies: [] }));
  });
});
