// Data-layer errors are translated once, centrally (server/format-error.ts), for every resolver:
// resolvers that never wrapped their calls (snapshots, identity) answer BAD_USER_INPUT with the field,
// not a masked INTERNAL_SERVER_ERROR.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'errors', 3);
});
afterAll(async () => h.close());

const firstError = async (query: string, variables: Record<string, unknown>, credential: string) =>
  (await h.call(query, variables, credential, { 'x-request-id': 'translate-test-1' })).body.errors?.[0];

describe('central error translation', () => {
  it('translates the snapshot resolvers: a range that ends before it starts names `to`', async () => {
    const viaQuery = await firstError(
      'query($id: ID!) { portfolioSnapshots(portfolioId: $id, from: "2026-03-01", to: "2026-02-01") { nodes { asOf } } }',
      { id: t.portfolioId },
      t.keys.read,
    );
    expect(viaQuery).toEqual(
      expect.objectContaining({
        message: 'to: must be on or after from',
        path: ['portfolioSnapshots'],
        extensions: { code: 'BAD_USER_INPUT', field: 'to', requestId: 'translate-test-1' },
      }),
    );
    const viaPortfolio = await firstError(
      'query($id: ID!) { portfolio(id: $id) { snapshots(from: "2026-03-01", to: "2026-02-01") { nodes { asOf } } } }',
      { id: t.portfolioId },
      t.keys.read,
    );
    expect(viaPortfolio?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'to', requestId: 'translate-test-1' });
    // A variable, not a literal: graphql-armor's cost limit multiplies literal first/last only.
    const tooMany = await firstError(
      'query($id: ID!, $n: Int) { portfolio(id: $id) { snapshots(first: $n) { totalCount } } }',
      { id: t.portfolioId, n: 5000 },
      t.keys.read,
    );
    expect(tooMany).toEqual(
      expect.objectContaining({
        message: 'first: must be an integer between 0 and 1100',
        extensions: { code: 'BAD_USER_INPUT', field: 'first', requestId: 'translate-test-1' },
      }),
    );
  });

  it('refuses an exposure update based on an older version: CONFLICT on expectedUpdatedAt, nothing written', async () => {
    type Row = { id: string; daysPastDue: number; updatedAt: string };
    const read = async () =>
      (
        await h.call<{ portfolio: { exposures: { nodes: Row[] } } }>(
          'query($id: ID!) { portfolio(id: $id) { exposures(first: 1, orderBy: { field: EXTERNAL_ID, direction: ASC }) { nodes { id daysPastDue updatedAt } } } }',
          { id: t.portfolioId },
          t.keys.read,
        )
      ).body.data!.portfolio.exposures.nodes[0]!;
    const UPDATE = `mutation($id: ID!, $input: UpdateExposureInput!, $at: DateTime) {
      updateExposure(id: $id, input: $input, expectedUpdatedAt: $at) { daysPastDue updatedAt } }`;
    const opened = await read();
    const saved = await h.call<{ updateExposure: Row }>(
      UPDATE,
      { id: opened.id, input: { daysPastDue: opened.daysPastDue + 7 }, at: opened.updatedAt },
      t.keys.write,
    );
    expect(saved.body.errors).toBeUndefined();
    const stale = await firstError(
      UPDATE,
      { id: opened.id, input: { daysPastDue: opened.daysPastDue }, at: opened.updatedAt },
      t.keys.write,
    );
    expect(stale?.message).toMatch(/^expectedUpdatedAt: the exposure was changed at /);
    expect(stale?.extensions).toEqual({ code: 'CONFLICT', field: 'expectedUpdatedAt', requestId: 'translate-test-1' });
    expect(await read()).toEqual({ ...saved.body.data!.updateExposure, id: opened.id });
  });

  it('refuses a master scale, factor model or stress scenario save or delete based on an older version: CONFLICT on expectedVersion', async () => {
    const officer = await t.token('RISK_OFFICER');
    const ok = async <T>(query: string, variables: Record<string, unknown>) => {
      const result = await h.call<T>(query, variables, officer);
      expect(result.body.errors).toBeUndefined();
      return result.body.data!;
    };
    const refused = async (query: string, variables: Record<string, unknown>, what: RegExp) => {
      const error = await firstError(query, variables, officer);
      expect(error?.message).toMatch(what);
      expect(error?.extensions).toEqual({ code: 'CONFLICT', field: 'expectedVersion', requestId: 'translate-test-1' });
    };

    const SCALE = `mutation($top: Float!, $v: Int) {
      updateMasterScale(grades: [{ grade: "A", maxPd: $top }, { grade: "B", maxPd: 1 }], expectedVersion: $v) { version } }`;
    const scale = (await ok<{ masterScales: { version: number }[] }>('{ masterScales { version } }', {})).masterScales[0]!.version;
    await ok(SCALE, { top: 0.02, v: scale });
    await refused(SCALE, { top: 0.03, v: scale }, new RegExp(`^expectedVersion: the master scale is at version ${scale + 1} `));
    expect((await ok<{ masterScales: { version: number }[] }>('{ masterScales { version } }', {})).masterScales[0]!.version).toBe(
      scale + 1,
    );

    type Model = { riskFactorModel: { version: number; sectors: string[]; correlation: number[][] } };
    const model = (await ok<Model>('{ riskFactorModel { version sectors correlation } }', {})).riskFactorModel;
    const MODEL = `mutation($input: RiskFactorModelInput!, $v: Int) { saveRiskFactorModel(input: $input, expectedVersion: $v) { version } }`;
    const input = { sectors: model.sectors, correlation: model.correlation };
    await ok(MODEL, { input, v: model.version });
    await refused(MODEL, { input, v: model.version }, /^expectedVersion: the risk factor model is at version 1 /);

    const created = await ok<{ createStressScenario: { id: string; version: number } }>(
      'mutation { createStressScenario(input: { name: "Stale", pdMultipliers: { all: 2 } }) { id version } }',
      {},
    );
    const { id, version } = created.createStressScenario;
    const SCENARIO = `mutation($id: ID!, $all: Float!, $v: Int) {
      updateStressScenario(id: $id, input: { name: "Stale", pdMultipliers: { all: $all } }, expectedVersion: $v) { version } }`;
    await ok(SCENARIO, { id, all: 3, v: version });
    await refused(SCENARIO, { id, all: 2, v: version }, /^expectedVersion: the stress scenario "Stale" is at version 2 /);
    const stored = await ok<{ stressScenario: { version: number; pdMultipliers: { all: number } } }>(
      'query($id: ID!) { stressScenario(id: $id) { version pdMultipliers { all } } }',
      { id },
    );
    expect(stored.stressScenario).toEqual({ version: 2, pdMultipliers: { all: 3 } });

    const DELETE = 'mutation($id: ID!, $v: Int) { deleteStressScenario(id: $id, expectedVersion: $v) { version } }';
    await refused(DELETE, { id, v: version }, /^expectedVersion: the stress scenario "Stale" is at version 2 /);
    expect(
      (await ok<{ stressScenario: { version: number } | null }>('query($id: ID!) { stressScenario(id: $id) { version } }', { id }))
        .stressScenario,
    ).toEqual({
      version: 2,
    });
    await ok(DELETE, { id, v: 2 });
    expect(
      (await ok<{ stressScenario: null }>('query($id: ID!) { stressScenario(id: $id) { version } }', { id })).stressScenario,
    ).toBeNull();
  });

  it('translates the identity resolvers: bad paging of members names the argument', async () => {
    const admin = await t.token('ADMIN');
    expect((await firstError('{ members(first: 500) { totalCount } }', {}, admin))?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'first',
      requestId: 'translate-test-1',
    });
    expect((await firstError('{ members(after: "garbage") { totalCount } }', {}, admin))?.message).toBe('after: is not a valid cursor');
  });

  it('pages through members in the order they joined, each exactly once', async () => {
    const admin = await t.token('ADMIN');
    type Page = {
      members: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { role: string; joinedAt: string }[] };
    };
    const query =
      'query($after: String) { members(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { role joinedAt } } }';
    const first = (await h.call<Page>(query, {}, admin)).body.data!.members;
    expect(first.totalCount).toBe(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await h.call<Page>(query, { after: first.pageInfo.endCursor }, admin)).body.data!.members;
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const all = [...first.nodes, ...rest.nodes];
    expect(all.map((m) => m.role).sort()).toEqual(['ADMIN', 'ANALYST', 'RISK_OFFICER', 'VIEWER']);
    expect(all.map((m) => m.joinedAt)).toEqual([...all.map((m) => m.joinedAt)].sort());
  });
});
