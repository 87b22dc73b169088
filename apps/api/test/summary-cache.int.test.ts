// Summaries are cached by the portfolio's data_version: any change through the API must show up in the
// next answer, and one made straight in the database within a second.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;
const SUMMARY = 'query($id: ID!) { portfolio(id: $id) { summary { totalEad eadBySector { key ead } } } }';

beforeAll(async () => {
  h = await startHarness({}, { countStatements: true });
  t = await tenantWithKeys(h.db, 'cache', 8);
});
afterAll(async () => h.close());

const totalEad = async () => {
  const res = await h.call<{ portfolio: { summary: { totalEad: string; eadBySector: { key: string; ead: string }[] } } }>(
    SUMMARY,
    { id: t.portfolioId },
    t.keys.write,
  );
  return res.body.data!.portfolio.summary;
};

describe('summary cache', () => {
  it('serves repeated summaries without re-aggregating, and reflects every change', async () => {
    const before = await totalEad();
    h.statements.length = 0;
    expect(await totalEad()).toEqual(before);
    expect(h.statements.some((s) => /GROUPING SETS/.test(s))).toBe(false);

    const page = await h.call<{ portfolio: { exposures: { nodes: { id: string; ead: string }[] } } }>(
      'query($id: ID!) { portfolio(id: $id) { exposures(first: 1) { nodes { id ead } } } }',
      { id: t.portfolioId },
      t.keys.write,
    );
    const exposure = page.body.data!.portfolio.exposures.nodes[0]!;
    await h.call('mutation($id: ID!) { updateExposure(id: $id, input: { ead: "100.00" }) { id } }', { id: exposure.id }, t.keys.write);
    const afterApi = await totalEad();
    expect(Number(afterApi.totalEad)).toBeCloseTo(Number(before.totalEad) - Number(exposure.ead) + 100, 2);

    // A change made outside the API (a bulk load, a job, psql) also invalidates it, within a second: the
    // database notifies the portfolio's new data_version (context/portfolio-cache.ts).
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    await client.query(`UPDATE obligors SET sector = 'Utilities' WHERE organization_id = $1`, [t.organizationId]);
    await client.end();
    const since = Date.now();
    let afterSql = await totalEad();
    while (afterSql.eadBySector[0]?.key !== 'Utilities' && Date.now() - since < 1_000) afterSql = await totalEad();
    expect(afterSql.eadBySector).toEqual([{ key: 'Utilities', ead: afterApi.totalEad }]);
  });
});
