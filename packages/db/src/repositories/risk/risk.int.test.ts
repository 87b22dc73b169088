// The risk tables under row-level security, factor model versions as append-only history, and
// portfolioRiskInputs' PD precedence (exposure > sector > segment > flat; defaulted PD 1; closed and
// unpriced exposures excluded and listed).
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createDatabase, type Database } from '../../client.ts';
import { createTenantFixture, type TenantFixture } from '../../testing/tenant-fixture.ts';
import type { TenantScope } from '../../scope.ts';
import { currentFactorModel, saveFactorModel } from './factor-models.ts';
import { createStressScenario } from './stress-scenarios.ts';
import { setRiskLimit } from './limits.ts';
import { listAuditLog } from '../audit.ts';
import { portfolioRiskInputs } from './inputs.ts';
import { createSimulation, saveSimulationChunk } from './simulations.ts';

let db: Database;
let client: pg.Client;
let a: TenantFixture;
let b: TenantFixture;
const scope = (t: TenantFixture): TenantScope => ({
  organizationId: t.organizationId,
  actor: { kind: 'user', userId: t.users.RISK_OFFICER.id },
});

beforeAll(async () => {
  const url = inject('databaseUrl');
  [a, b] = await Promise.all([
    createTenantFixture(url, { label: 'risk-a', exposures: 12 }),
    createTenantFixture(url, { label: 'risk-b', exposures: 3 }),
  ]);
  db = createDatabase({ connectionString: url });
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await db?.close();
});

async function asTenant<T>(org: string, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', $1, true)`, [org]);
    return await work();
  } finally {
    await client.query('ROLLBACK');
  }
}

describe('risk tables', () => {
  it("hide another organization's rows and refuse writes into it; factor model versions cannot be rewritten", async () => {
    const model = await currentFactorModel(db, scope(a));
    await saveFactorModel(db, scope(a), { sectors: model.sectors, correlation: model.correlation, sectorAssetCorrelation: {} });
    await createStressScenario(db, scope(a), { name: 'A down', definition: { pdMultipliers: { all: 2 } } });
    await setRiskLimit(db, scope(a), { kind: 'SECTOR', key: 'Energy', maxShare: '0.2' });
    const inputs = (await portfolioRiskInputs(db, scope(a), a.portfolioId, { pd: { flat: 0.01 } }))!;
    const run = await createSimulation(db, scope(a), {
      portfolioId: a.portfolioId,
      asOf: inputs.asOf,
      scenario: null,
      factorModel: model,
      pdSource: inputs.pdSource,
      parameters: { seed: 1, levels: [0.99], targetRelativeError: 0.05, maxScenarios: 10_000, chunkSize: 500 },
      inputs: { exposures: inputs.exposures, factorModel: model, limits: [] },
      excluded: inputs.excluded,
    });
    await saveSimulationChunk(db, scope(a), { simulationId: run.id, variant: 'base', phase: 'simulate' }, 0, { x: 1 });
    for (const table of ['risk_factor_models', 'stress_scenarios', 'risk_limits', 'risk_simulations', 'risk_simulation_chunks']) {
      expect(
        await asTenant(a.organizationId, async () =>
          Number((await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`)).rows[0]!.count),
        ),
      ).toBe(1);
      expect(
        await asTenant(b.organizationId, async () =>
          Number((await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`)).rows[0]!.count),
        ),
      ).toBe(0);
    }
    await expect(
      asTenant(b.organizationId, () =>
        client.query(
          `INSERT INTO risk_limits (id, organization_id, kind, key, max_share, updated_at) VALUES (gen_random_uuid(), $1, 'SECTOR', 'x', 0.1, now())`,
          [a.organizationId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(asTenant(a.organizationId, () => client.query(`UPDATE risk_factor_models SET note = 'rewritten'`))).rejects.toThrow(
      /permission denied/,
    );
  });
});

describe('portfolioRiskInputs', () => {
  it('takes the most specific PD the request gives, PD 1 for defaulted exposures, and lists the rest as excluded', async () => {
    const externalId = `${a.slug}-E4`; // segment SME (4 % 3 = 1), sector Energy (4 % 4 = 0)
    await client.query(`UPDATE exposures SET status = 'CLOSED' WHERE external_id = $1`, [`${a.slug}-E5`]);
    const inputs = (await portfolioRiskInputs(db, scope(a), a.portfolioId, {
      asOf: '2026-06-30',
      pd: {
        bySegment: [{ key: 'SME', pd: 0.05 }],
        bySector: [{ key: 'Healthcare', pd: 0.03 }],
        byExposure: [{ externalId, pd: 0.2 }],
      },
    }))!;
    const byId = new Map(inputs.exposures.map((e) => [e.id, e]));
    expect(byId.get(externalId)).toMatchObject({ pd: 0.2, pdOrigin: 'REQUEST_EXPOSURE', sector: 'Energy', segment: 'SME' });
    expect(byId.get(`${a.slug}-E1`)).toMatchObject({ pd: 0.03, pdOrigin: 'REQUEST_SECTOR' }); // Healthcare, SME
    expect(byId.get(`${a.slug}-E7`)).toMatchObject({ pd: 0.05, pdOrigin: 'REQUEST_SEGMENT' }); // Unassigned, SME
    expect(byId.get(`${a.slug}-E0`)).toMatchObject({ pd: 1, pdOrigin: 'DEFAULTED', defaulted: true });
    expect(inputs.excluded).toContainEqual({ externalId: `${a.slug}-E5`, reason: 'closed' });
    expect(inputs.excluded.find((e) => e.externalId === `${a.slug}-E3`)?.reason).toMatch(/^no PD/); // RETAIL, Unassigned
    expect(inputs.exposures.length + inputs.excluded.length).toBe(12);
    expect(inputs.pdSource.kind).toBe('REQUEST');
  });

  it('refuses a PD outside [0, 1], an unknown sector or segment, or an exposure not in the portfolio, naming it', async () => {
    await expect(portfolioRiskInputs(db, scope(a), a.portfolioId, { pd: { flat: -0.1 } })).rejects.toThrow(
      'pd.flat: must be in [0, 1], got -0.1',
    );
    await expect(portfolioRiskInputs(db, scope(a), a.portfolioId, { pd: { bySector: [{ key: 'Mining', pd: 0.1 }] } })).rejects.toThrow(
      /pd.bySector\[0\].key: "Mining" is not one of/,
    );
    await expect(portfolioRiskInputs(db, scope(a), a.portfolioId, { pd: { bySegment: [{ key: 'HOUSEHOLD', pd: 0.1 }] } })).rejects.toThrow(
      /pd.bySegment\[0\].key/,
    );
    await expect(
      portfolioRiskInputs(db, scope(a), a.portfolioId, { pd: { byExposure: [{ externalId: 'nope', pd: 0.1 }] } }),
    ).rejects.toThrow('pd.byExposure[0].externalId: no exposure "nope" in this portfolio');
    expect(await portfolioRiskInputs(db, scope(b), a.portfolioId, { pd: { flat: 0.1 } })).toBeNull();
  });
});

describe('setRiskLimit', () => {
  it('two setters of one limit at once: one creates it, the other updates it, and the audit says so', async () => {
    const set = (maxShare: string) => setRiskLimit(db, scope(b), { kind: 'SECTOR', key: 'Shipping', maxShare });
    const [first, second] = await Promise.all([set('0.25'), set('0.3')]);
    expect(first.id).toBe(second.id);
    const audit = (await listAuditLog(db, scope(b), { first: 10, filter: { entityId: first.id } })).nodes;
    expect(audit.map((entry) => entry.action).sort()).toEqual(['riskLimit.create', 'riskLimit.update']);
    const update = audit.find((entry) => entry.action === 'riskLimit.update')!;
    // The update's "before" is what the create stored.
    expect((update.before as { maxShare: string }).maxShare).not.toBe((update.after as { maxShare: string }).maxShare);
  });
});
