// Portfolio risk through GraphQL: the factor model (default from the organization's sectors, saved
// versions, a non-PSD matrix refused naming the sectors), stress scenarios with their audit trail,
// limits, and runPortfolioSimulation: bad input (PD outside [0, 1], negative EAD, unknown sector key)
// is refused naming the entry and nothing is stored; a good request is stored with its lineage and
// queued. Another organization sees none of it.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createJobClient, type JobClient } from '@probity/jobs';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;
let other: TenantWithKeys;
let jobs: JobClient;
let officer: string;

beforeAll(async () => {
  h = await startHarness();
  [t, other] = await Promise.all([tenantWithKeys(h.db, 'risk', 24), tenantWithKeys(h.db, 'risk-other', 3)]);
  jobs = await createJobClient({ connectionString: inject('databaseUrl') });
  officer = await t.token('RISK_OFFICER');
});
afterAll(async () => {
  await jobs?.close();
  await h?.close();
});

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const firstError = (errors: Errors) => ({
  code: errors?.[0]?.extensions?.code,
  field: errors?.[0]?.extensions?.field,
  message: errors?.[0]?.message,
});

const MODEL =
  '{ riskFactorModel { version isDefault sectors correlation sectorAssetCorrelations { sector assetCorrelation loading } } riskFactorModelVersions { version createdBy { name } } }';
const SAVE_MODEL = 'mutation($input: RiskFactorModelInput!) { saveRiskFactorModel(input: $input) { version isDefault sectors } }';
const RUN = `mutation($input: RunPortfolioSimulationInput!) {
  runPortfolioSimulation(input: $input) {
    id status asOf factorModelVersion exposureCount excludedCount excluded { externalId reason }
    pdSource { kind flat bySegment { key value } }
    parameters { seed levels targetRelativeError }
    scenario { name version }
    progress { phase targetRelativeError }
  }
}`;
const RUNS = 'query($id: ID!) { portfolio(id: $id) { riskSimulations { id status } } }';

async function runs(auth = officer, portfolioId = t.portfolioId) {
  const res = await h.call<{ portfolio: { riskSimulations: { id: string }[] } | null }>(RUNS, { id: portfolioId }, auth);
  return res.body.data?.portfolio?.riskSimulations ?? [];
}

describe('factor model', () => {
  it('defaults to one factor per sector of the organization, correlation 0.5, Basel asset correlations', async () => {
    const res = await h.call<{ riskFactorModel: { version: number; isDefault: boolean; sectors: string[]; correlation: number[][] } }>(
      MODEL,
      {},
      officer,
    );
    expect(res.body.errors).toBeUndefined();
    const model = res.body.data!.riskFactorModel;
    expect(model).toMatchObject({ version: 0, isDefault: true, sectors: ['Energy', 'Healthcare', 'Manufacturing', 'Unassigned'] });
    expect(model.correlation[0]).toEqual([1, 0.5, 0.5, 0.5]);
  });

  it('refuses a matrix that is not positive semi-definite, naming the sectors, and stores nothing', async () => {
    const sectors = ['Energy', 'Healthcare', 'Manufacturing', 'Unassigned'];
    const bad = [
      [1, 0.9, -0.9, 0],
      [0.9, 1, 0.9, 0],
      [-0.9, 0.9, 1, 0],
      [0, 0, 0, 1],
    ];
    const res = await h.call(SAVE_MODEL, { input: { sectors, correlation: bad } }, officer);
    expect(firstError(res.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.factorModel.correlation' });
    expect(firstError(res.body.errors).message).toMatch(/not positive semi-definite.*"Energy"/);
    const after = await h.call<{ riskFactorModelVersions: unknown[] }>(MODEL, {}, officer);
    expect(after.body.data!.riskFactorModelVersions).toEqual([]);
  });

  it('saves versions (risk officers only); the latest is current', async () => {
    const sectors = ['Energy', 'Healthcare', 'Manufacturing', 'Unassigned'];
    const correlation = sectors.map((_, i) => sectors.map((__, j) => (i === j ? 1 : 0.3)));
    const input = { sectors, correlation, sectorAssetCorrelations: [{ sector: 'Energy', assetCorrelation: 0.16 }], note: 'lower' };
    expect(firstError((await h.call(SAVE_MODEL, { input }, await t.token('ANALYST'))).body.errors).code).toBe('FORBIDDEN');
    const saved = await h.call<{ saveRiskFactorModel: { version: number } }>(SAVE_MODEL, { input }, officer);
    expect(saved.body.data!.saveRiskFactorModel.version).toBe(1);
    const res = await h.call<{ riskFactorModel: { version: number; sectorAssetCorrelations: { loading: number }[] } }>(MODEL, {}, officer);
    expect(res.body.data!.riskFactorModel.version).toBe(1);
    expect(res.body.data!.riskFactorModel.sectorAssetCorrelations[0]!.loading).toBeCloseTo(0.4, 12);
    // The versions list says who saved each one (the dashboard shows it).
    const versions = (res.body.data as unknown as { riskFactorModelVersions: { version: number; createdBy: { name: string } | null }[] })
      .riskFactorModelVersions;
    expect(versions).toEqual([{ version: 1, createdBy: { name: `RISK_OFFICER of ${t.slug}` } }]);
  });
});

const CREATE =
  'mutation($input: StressScenarioInput!) { createStressScenario(input: $input) { id name version factorShocks { key value } propagate pdMultipliers { all bySegment { key value } } } }';
const UPDATE =
  'mutation($id: ID!, $input: StressScenarioInput!) { updateStressScenario(id: $id, input: $input) { version history { action } } }';

describe('stress scenarios', () => {
  it('are stored by name with an audit trail; an unknown sector is refused by name', async () => {
    const unknown = await h.call(CREATE, { input: { name: 'Oops', factorShocks: [{ key: 'Mining', value: -2 }] } }, officer);
    expect(firstError(unknown.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scenario.factorShocks.Mining' });
    const created = await h.call<{ createStressScenario: { id: string; version: number } }>(
      CREATE,
      {
        input: {
          name: 'Energy slump',
          factorShocks: [{ key: 'Energy', value: -2.5 }],
          pdMultipliers: { all: 1.2, bySegment: [{ key: 'SME', value: 1.5 }] },
        },
      },
      officer,
    );
    expect(created.body.errors).toBeUndefined();
    const { id } = created.body.data!.createStressScenario;
    const duplicate = await h.call(CREATE, { input: { name: 'Energy slump' } }, officer);
    expect(firstError(duplicate.body.errors)).toMatchObject({ code: 'CONFLICT', field: 'name' });
    const updated = await h.call<{ updateStressScenario: { version: number; history: { action: string }[] } }>(
      UPDATE,
      { id, input: { name: 'Energy slump', factorShocks: [{ key: 'Energy', value: -3 }] } },
      officer,
    );
    expect(updated.body.data!.updateStressScenario.version).toBe(2);
    expect(updated.body.data!.updateStressScenario.history.map((e) => e.action)).toEqual([
      'stressScenario.update',
      'stressScenario.create',
    ]);
    const otherView = await h.call<{ stressScenarios: unknown[] }>('{ stressScenarios { id } }', {}, await other.token('RISK_OFFICER'));
    expect(otherView.body.data!.stressScenarios).toEqual([]);
  });
});

const SET_LIMIT =
  'mutation($input: RiskLimitInput!, $v: Int) { setRiskLimit(input: $input, expectedVersion: $v) { id version maxShare maxEad } }';
const DELETE_LIMIT = 'mutation($id: ID!, $v: Int) { deleteRiskLimit(id: $id, expectedVersion: $v) { id version } }';
const LIMITS = '{ riskLimits { id kind key version maxShare } }';

describe('risk limits', () => {
  it('carry a version: a set or delete based on another is refused naming expectedVersion, and nothing changes', async () => {
    type Limit = { id: string; version: number; maxShare: string | null; maxEad: string | null };
    const set = (maxShare: string, v?: number) =>
      h.call<{ setRiskLimit: Limit }>(SET_LIMIT, { input: { kind: 'SECTOR', key: 'Retail', maxShare }, v }, officer);
    const created = (await set('0.3', 0)).body.data!.setRiskLimit;
    expect(created).toMatchObject({ version: 1, maxShare: '0.300000' });
    expect((await set('0.25', 1)).body.data!.setRiskLimit).toMatchObject({ id: created.id, version: 2, maxShare: '0.250000' });

    const stale = await set('0.4', 1);
    expect(firstError(stale.body.errors)).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    expect(firstError(stale.body.errors).message).toMatch(/sector limit "Retail" is at version 2 /);
    expect(firstError((await set('0.4', 0)).body.errors)).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    const staleDelete = await h.call(DELETE_LIMIT, { id: created.id, v: 1 }, officer);
    expect(firstError(staleDelete.body.errors)).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    const limits = (await h.call<{ riskLimits: Limit[] }>(LIMITS, {}, t.keys.read)).body.data!.riskLimits;
    expect(limits.filter((l) => l.id === created.id)).toEqual([expect.objectContaining({ version: 2, maxShare: '0.250000' })]);

    const deleted = await h.call<{ deleteRiskLimit: Limit }>(DELETE_LIMIT, { id: created.id, v: 2 }, officer);
    expect(deleted.body.data!.deleteRiskLimit).toEqual({ id: created.id, version: 2 });
    expect((await h.call<{ riskLimits: Limit[] }>(LIMITS, {}, t.keys.read)).body.data!.riskLimits.map((l) => l.id)).not.toContain(
      created.id,
    );
  });
});

describe('runPortfolioSimulation', () => {
  it('refuses a PD outside [0, 1] naming it, and stores nothing', async () => {
    const res = await h.call(
      RUN,
      { input: { portfolioId: t.portfolioId, pd: { flat: 0.02, bySector: [{ key: 'Energy', pd: 1.4 }] } } },
      officer,
    );
    expect(firstError(res.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pd.bySector[0].pd' });
    expect(await runs()).toEqual([]);
  });

  it('refuses a negative EAD naming the exposure, and stores nothing', async () => {
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    const { rows } = await client.query<{ external_id: string }>(
      `UPDATE exposures SET ead = -5 WHERE id = (SELECT id FROM exposures WHERE portfolio_id = $1 AND status <> 'DEFAULTED' ORDER BY external_id LIMIT 1) RETURNING external_id`,
      [t.portfolioId],
    );
    try {
      const res = await h.call(RUN, { input: { portfolioId: t.portfolioId, pd: { flat: 0.02 } } }, officer);
      const error = firstError(res.body.errors);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(error.field).toMatch(/^exposures\[\d+\]\.ead$/);
      expect(error.message).toContain(`"${rows[0]!.external_id}"`);
      expect(error.message).toContain('must not be negative');
      expect(await runs()).toEqual([]);
    } finally {
      await client.query('UPDATE exposures SET ead = 1000 WHERE external_id = $1', [rows[0]!.external_id]);
      await client.end();
    }
  });

  it('runs on the exposures that have a PD and lists the others as excluded', async () => {
    const partial = await h.call<{
      runPortfolioSimulation: { exposureCount: number; excludedCount: number; excluded: { reason: string }[] };
    }>(RUN, { input: { portfolioId: t.portfolioId, pd: { bySegment: [{ key: 'RETAIL', pd: 0.03 }] }, asOf: '2026-06-30' } }, officer);
    expect(partial.body.errors).toBeUndefined();
    const run = partial.body.data!.runPortfolioSimulation;
    // 24 exposures, segments in turn RETAIL, SME, CORPORATE; defaulted ones (every 11th) have PD 1.
    expect(run.exposureCount + run.excludedCount).toBe(24);
    expect(run.exposureCount).toBe(8 + 2); // 8 retail, plus defaulted exposures 11 (SME) and 22 (CORPORATE)
    expect(run.excluded[0]!.reason).toMatch(/^no PD/);
  });

  it('stores a good request with its lineage and queues simulate-portfolio', async () => {
    const scenarios = await h.call<{ stressScenarios: { id: string }[] }>('{ stressScenarios { id } }', {}, officer);
    const scenarioId = scenarios.body.data!.stressScenarios[0]!.id;
    const res = await h.call<{ runPortfolioSimulation: Record<string, unknown> & { id: string } }>(
      RUN,
      {
        input: {
          portfolioId: t.portfolioId,
          pd: { flat: 0.02, bySegment: [{ key: 'SME', pd: 0.04 }] },
          scenarioId,
          seed: 11,
          asOf: '2026-06-30',
        },
      },
      officer,
    );
    expect(res.body.errors).toBeUndefined();
    const run = res.body.data!.runPortfolioSimulation;
    expect(run).toMatchObject({
      status: 'QUEUED',
      asOf: '2026-06-30',
      factorModelVersion: 1,
      exposureCount: 24,
      excludedCount: 0,
      pdSource: { kind: 'REQUEST', flat: 0.02, bySegment: [{ key: 'SME', value: 0.04 }] },
      parameters: { seed: 11, levels: [0.99, 0.999], targetRelativeError: 0.01 },
      scenario: { name: 'Energy slump', version: 2 },
      progress: { phase: 'queued' },
    });
    const queued = await h.call<{ riskSimulation: { id: string } | null }>(
      'query($id: ID!) { riskSimulation(id: $id) { id } }',
      { id: run.id },
      officer,
    );
    expect(queued.body.data!.riskSimulation?.id).toBe(run.id);
    const hidden = await h.call<{ riskSimulation: unknown }>(
      'query($id: ID!) { riskSimulation(id: $id) { id } }',
      { id: run.id },
      await other.token('ADMIN'),
    );
    expect(hidden.body.data!.riskSimulation).toBeNull();
    expect(
      firstError((await h.call(RUN, { input: { portfolioId: t.portfolioId, pd: { flat: 0.02 } } }, await t.token('ANALYST'))).body.errors)
        .code,
    ).toBe('FORBIDDEN');
  });
});
