// No N+1: a page of exposures with their obligors (and portfolios) costs the same number of SQL
// statements whether the page holds 10 rows or 100.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;

beforeAll(async () => {
  h = await startHarness({}, { countStatements: true });
  t = await tenantWithKeys(h.db, 'n1', 150);
});
afterAll(async () => h.close());

const PAGE = `query($id: ID!, $n: Int!) { portfolio(id: $id) { exposures(first: $n) { totalCount nodes { id ead obligor { name segment sector } portfolio { name } } } } }`;

async function statementsFor(n: number): Promise<{ count: number; queries: string[] }> {
  await h.call(PAGE, { id: t.portfolioId, n }, t.keys.read); // warm: key lookup caches, prepared plans
  h.statements.length = 0;
  const res = await h.call<{ portfolio: { exposures: { nodes: { obligor: { name: string } }[] } } }>(
    PAGE,
    { id: t.portfolioId, n },
    t.keys.read,
  );
  expect(res.body.data!.portfolio.exposures.nodes).toHaveLength(n);
  expect(res.body.data!.portfolio.exposures.nodes.every((e) => e.obligor.name.startsWith('Obligor'))).toBe(true);
  // Transaction control and the tenant set_config are bookkeeping; count the data queries.
  const queries = h.statements.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK)|set_config/i.test(s.trim()));
  return { count: queries.length, queries };
}

describe('DataLoader batching', () => {
  it('uses a constant, small number of queries for a page of 100 exposures with obligors', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred.count).toBe(ten.count);
    // key lookup, portfolio, exposures page, count, obligors batch (the portfolio of each exposure is cached)
    expect(hundred.count, hundred.queries.join('\n')).toBeLessThanOrEqual(6);
    expect(hundred.queries.filter((q) => /FROM "public"."obligors"/.test(q))).toHaveLength(1);
  });

  it("batches obligors' exposure pages and figures: the same statements for 5 obligors as for 50", async () => {
    const QUERY = `query($id: ID!, $n: Int!) { portfolio(id: $id) { summary { topObligors(limit: $n) { obligor {
      totalEad totalLimit utilisation maxDaysPastDue currencies portfolioCount
      exposures(first: 3) { totalCount pageInfo { hasNextPage } nodes { id ead } }
    } } } } }`;
    const count = async (n: number) => {
      await h.call(QUERY, { id: t.portfolioId, n }, t.keys.read);
      h.statements.length = 0;
      const res = await h.call<{
        portfolio: {
          summary: { topObligors: { obligor: { totalEad: string; exposures: { totalCount: number; nodes: { ead: string }[] } } }[] };
        };
      }>(QUERY, { id: t.portfolioId, n }, t.keys.read);
      const tops = res.body.data!.portfolio.summary.topObligors;
      expect(tops).toHaveLength(n);
      // Each fixture obligor holds exactly one exposure: its page is that exposure, its total its EAD.
      for (const { obligor } of tops) {
        expect(obligor.exposures.totalCount).toBe(1);
        expect(obligor.exposures.nodes[0]!.ead).toBe(obligor.totalEad);
      }
      return h.statements.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK)|set_config/i.test(s.trim())).length;
    };
    expect(await count(50)).toBe(await count(5));
  });
});
