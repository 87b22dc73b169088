// Regressions of issue 7's H1, L3, L4 and L5 through the real API and PostgreSQL: each failed on the
// code before the fix (summary 22003 numeric field overflow, ead 1e16 accepted then overflowing,
// 2026-02-31 stored as 2026-03-03, a 900 KB description accepted).
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { listSnapshots, snapshotOrganization, TEXT_LIMITS } from '@probity/db';
import { runSql } from '@probity/db/testing';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

const MAX_EAD = '9999999999999999.99';
let h: Harness;
let t: TenantWithKeys;

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'bounds', 101);
});
afterAll(async () => h.close());

const UPDATE = `mutation($id: ID!, $input: UpdateExposureInput!) { updateExposure(id: $id, input: $input) { ead maturityDate } }`;

async function exposureIds(): Promise<string[]> {
  const rows = await runSql<{ id: string }>(inject('databaseUrl'), 'SELECT id FROM exposures WHERE portfolio_id = $1 ORDER BY id', [
    t.portfolioId,
  ]);
  return rows.map((r) => r.id);
}

describe('H1: totals that cannot overflow', () => {
  it('sums 101 exposures at the largest EAD the API accepts: the summary loads and the snapshot is written, exactly', async () => {
    const ids = await exposureIds();
    expect(ids).toHaveLength(101);
    // The largest value, set through the API as an attacker with a WRITE key would …
    const first = await h.call(UPDATE, { id: ids[0], input: { ead: MAX_EAD } }, t.keys.write);
    expect(first.body.errors).toBeUndefined();
    // … and on every other row directly (100 mutations would only slow the test down).
    await runSql(inject('databaseUrl'), 'UPDATE exposures SET ead = $2, lgd = 1 WHERE portfolio_id = $1', [t.portfolioId, MAX_EAD]);

    const res = await h.call<{ portfolio: { summary: { totalEad: string; totalLossGivenDefault: string; utilisation: string } } }>(
      'query($id: ID!) { portfolio(id: $id) { summary { totalEad totalLossGivenDefault utilisation eadBySegment { ead } topObligors { ead } } } }',
      { id: t.portfolioId },
      t.keys.read,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.portfolio.summary.totalEad).toBe('1009999999999999998.99');
    expect(res.body.data?.portfolio.summary.totalLossGivenDefault).toBe('1009999999999999998.99');

    const scope = { organizationId: t.organizationId, actor: { kind: 'system' as const, name: 'test' } };
    await snapshotOrganization(h.db, scope, new Date('2026-04-01T00:00:00Z'));
    const [snapshot] = (await listSnapshots(h.db, scope, t.portfolioId, { first: 1 })).nodes;
    expect(snapshot?.totalEad).toBe('1009999999999999998.99');

    const obligor = await h.call<{ exposure: { obligor: { totalEad: string } } }>(
      'query($id: ID!) { exposure(id: $id) { obligor { totalEad } } }',
      { id: ids[0] },
      t.keys.read,
    );
    expect(obligor.body.data?.exposure.obligor.totalEad).toBe(MAX_EAD);
  });
});

describe('L3: decimals within what their column stores', () => {
  it('refuses ead 1e16 (decimal(18,2) holds at most 9999999999999999.99), naming the field', async () => {
    const [id] = await exposureIds();
    for (const field of ['ead', 'limit', 'collateralValue']) {
      const res = await h.call(UPDATE, { id, input: { [field]: '10000000000000000' } }, t.keys.write);
      expect(res.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: `input.${field}` }));
    }
    const filter = await h.call(
      'query($id: ID!) { portfolio(id: $id) { exposures(filter: { minEad: "10000000000000000" }) { totalCount } } }',
      { id: t.portfolioId },
      t.keys.read,
    );
    expect(filter.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.minEad' }));
  });
});

describe('L4: impossible dates', () => {
  it('refuses 2026-02-31 and year 0000 instead of storing another day', async () => {
    const [id] = await exposureIds();
    for (const day of ['2026-02-31', '2025-02-29', '0000-01-01', '2026-13-01']) {
      const res = await h.call(UPDATE, { id, input: { maturityDate: day } }, t.keys.write);
      expect(res.body.errors?.[0]?.extensions?.code, day).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.message, day).toMatch(/maturityDate|Date/);
    }
    const leap = await h.call<{ updateExposure: { maturityDate: string } }>(
      UPDATE,
      { id, input: { maturityDate: '2028-02-29' } },
      t.keys.write,
    );
    expect(leap.body.data?.updateExposure.maturityDate).toBe('2028-02-29');
    const snapshotDay = await h.call('mutation { takePortfolioSnapshots(asOf: "0000-01-01") { name } }', {}, t.keys.admin);
    expect(snapshotDay.body.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    const expiry = await h.call(
      'mutation { createApiKey(input: { name: "old", scopes: [READ], expiresAt: "0000-01-01T00:00:00Z" }) { secret } }',
      {},
      t.keys.admin,
    );
    expect(expiry.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('L5: the same text limits as the dashboard', () => {
  it('refuses a description over the dashboard limit, and accepts one at it', async () => {
    const create = 'mutation($input: CreatePortfolioInput!) { createPortfolio(input: $input) { id description } }';
    const long = await h.call(create, { input: { name: 'Long', description: 'x'.repeat(900_000) } }, t.keys.admin);
    expect(long.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.description' }));
    const justOver = await h.call(
      create,
      { input: { name: 'Over', description: 'x'.repeat(TEXT_LIMITS.portfolioDescription + 1) } },
      t.keys.admin,
    );
    expect(justOver.body.errors?.[0]?.extensions?.field).toBe('input.description');
    const atLimit = await h.call<{ createPortfolio: { description: string } }>(
      create,
      { input: { name: 'At limit', description: 'y'.repeat(TEXT_LIMITS.portfolioDescription) } },
      t.keys.admin,
    );
    expect(atLimit.body.data?.createPortfolio.description).toHaveLength(TEXT_LIMITS.portfolioDescription);
  });

  it('names the field for over-long or NUL-carrying names, products, filters and searches', async () => {
    const [id] = await exposureIds();
    const cases: [string, Record<string, unknown>, string, string][] = [
      [
        'mutation($input: CreatePortfolioInput!) { createPortfolio(input: $input) { id } }',
        { input: { name: 'a\u0000b' } },
        t.keys.admin,
        'input.name',
      ],
      [UPDATE, { id, input: { product: 'p'.repeat(TEXT_LIMITS.exposureProduct + 1) } }, t.keys.write, 'input.product'],
      [UPDATE, { id, input: { product: 'bad\u0000' } }, t.keys.write, 'input.product'],
      [
        'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
        { input: { name: 'k'.repeat(TEXT_LIMITS.apiKeyName + 1), scopes: ['READ'] } },
        t.keys.admin,
        'input.name',
      ],
      [
        'query($id: ID!, $f: ExposureFilter) { portfolio(id: $id) { exposures(filter: $f) { totalCount } } }',
        { id: t.portfolioId, f: { sector: 'x'.repeat(TEXT_LIMITS.filter + 1) } },
        t.keys.read,
        'filter.sector',
      ],
      [
        'query($id: ID!, $f: ExposureFilter) { portfolio(id: $id) { exposures(filter: $f) { totalCount } } }',
        { id: t.portfolioId, f: { search: 'zz\u0000' } },
        t.keys.read,
        'filter.search',
      ],
      ['query($f: AuditLogFilter) { auditLog(filter: $f) { totalCount } }', { f: { action: 'a\u0000' } }, t.keys.admin, 'filter.action'],
      [
        'query($f: AuditLogFilter) { auditLog(filter: $f) { totalCount } }',
        { f: { actorUserId: 'not-a-uuid' } },
        t.keys.admin,
        'filter.actorUserId',
      ],
    ];
    for (const [query, variables, key, field] of cases) {
      const res = await h.call(query, variables, key);
      expect(res.body.errors?.[0]?.extensions, field).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field }));
    }
  });
});
