// Every list the API returns is a cursor connection: obligor exposures (across portfolios) and API keys
// page with first/after and report totalCount; the obligor's figures cover all its exposures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '@probity/db';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'connections', 4);
});
afterAll(async () => h.close());

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string }[];
  nodes: T[];
}

describe('connections', () => {
  it('pages through API keys newest first', async () => {
    const scope = { organizationId: t.organizationId, actor: { kind: 'user' as const, userId: t.users.ADMIN.id } };
    const newest = (await createApiKey(h.db, scope, { name: 'Newest key', scopes: ['READ'] })).apiKey;
    const admin = await t.token('ADMIN');
    const query =
      'query($after: String) { apiKeys(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { id name } } }';
    const first = (await h.call<{ apiKeys: Page<{ id: string; name: string }> }>(query, {}, admin)).body.data!.apiKeys;
    expect(first.totalCount).toBe(4); // the harness's three keys and this one
    expect(first.nodes[0]!.id).toBe(newest.id);
    expect(first.edges.at(-1)!.cursor).toBe(first.pageInfo.endCursor);
    const second = (await h.call<{ apiKeys: Page<{ id: string }> }>(query, { after: first.pageInfo.endCursor }, admin)).body.data!.apiKeys;
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(new Set([...first.nodes, ...second.nodes].map((k) => k.id)).size).toBe(4);
  });

  it("pages an obligor's exposures and reports its figures over all of them", async () => {
    const res = await h.call<{
      portfolio: { exposures: { nodes: { obligor: { id: string } }[] } };
    }>(
      'query($id: ID!) { portfolio(id: $id) { exposures(first: 1, orderBy: { field: EXTERNAL_ID, direction: ASC }) { nodes { obligor { id } } } } }',
      { id: t.portfolioId },
      t.keys.read,
    );
    const obligorId = res.body.data!.portfolio.exposures.nodes[0]!.obligor.id;
    const obligor = await h.call<{
      obligor: {
        totalEad: string;
        totalLimit: string;
        utilisation: string;
        maxDaysPastDue: number;
        currencies: string[];
        portfolioCount: number;
        exposures: Page<{ ead: string; portfolio: { id: string } }>;
      };
    }>(
      `query($id: ID!) { obligor(id: $id) {
        totalEad totalLimit utilisation maxDaysPastDue currencies portfolioCount
        exposures(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { ead portfolio { id } } }
      } }`,
      { id: obligorId },
      t.keys.read,
    );
    expect(obligor.body.errors).toBeUndefined();
    // Fixture exposure 0: EAD 1000, limit 2000, 120 days past due, EUR.
    expect(obligor.body.data!.obligor).toEqual(
      expect.objectContaining({
        totalEad: '1000.00',
        totalLimit: '2000.00',
        utilisation: '0.500000',
        maxDaysPastDue: 120,
        currencies: ['EUR'],
        portfolioCount: 1,
      }),
    );
    const page = obligor.body.data!.obligor.exposures;
    expect(page).toEqual(expect.objectContaining({ totalCount: 1, nodes: [{ ead: '1000.00', portfolio: { id: t.portfolioId } }] }));
    expect(page.pageInfo.hasNextPage).toBe(false);
    const bad = await h.call(
      'query($id: ID!) { obligor(id: $id) { exposures(after: "nope") { totalCount } } }',
      { id: obligorId },
      t.keys.read,
    );
    expect(bad.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }));
  });
});
