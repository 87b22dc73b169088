// simulate-portfolio on the real worker and real pg-boss: a stored run goes QUEUED -> RUNNING ->
// COMPLETED with live progress and a full result (figures with standard errors that agree with the
// closed forms, contributions that add up to ES, IRB, IFRS 9, limits, base versus stressed). With a
// low fan-out threshold the same run is split into simulate-portfolio-chunks jobs and gives the same
// figures bit for bit.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import {
  createSimulation,
  createStressScenario,
  currentFactorModel,
  getSimulation,
  getStressScenario,
  listStressScenarios,
  listRiskLimits,
  portfolioRiskInputs,
  setRiskLimit,
  type RiskResultView,
  type RiskSimulation,
  type TenantScope,
} from '@probity/db';
import { createJobClient, type JobClient } from '@probity/jobs';
import { createTenantFixture, type TenantFixture } from '@probity/db/testing';
import { readEnv } from '../src/env.ts';
import { startWorker, type RunningWorker } from '../src/app.ts';

let t: TenantFixture;
let client: JobClient;
const workers: RunningWorker[] = [];

async function start(fanOutObligors: string) {
  const worker = await startWorker(
    readEnv({ DATABASE_URL: inject('databaseUrl'), WORKER_PORT: '0', LOG_LEVEL: 'silent', PROBITY_RISK_FANOUT_OBLIGORS: fanOutObligors }),
  );
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  t = await createTenantFixture(inject('databaseUrl'), { label: 'risk-sim', exposures: 90 });
  client = await createJobClient({ connectionString: inject('databaseUrl') });
});
afterAll(async () => {
  await client?.close();
  for (const worker of workers) await worker.close();
});

const scopeOf = (tenant: TenantFixture): TenantScope => ({
  organizationId: tenant.organizationId,
  actor: { kind: 'user', userId: tenant.users.RISK_OFFICER.id },
});

async function requestRun(scenarioId: string | null, seed: number): Promise<RiskSimulation> {
  const scope = scopeOf(t);
  const db = workers[0]!.db;
  const inputs = (await portfolioRiskInputs(db, scope, t.portfolioId, {
    asOf: '2026-06-30',
    pd: { flat: 0.02, bySegment: [{ key: 'CORPORATE', pd: 0.01 }] },
  }))!;
  const model = await currentFactorModel(db, scope);
  const factorModel = { sectors: model.sectors, correlation: model.correlation, sectorAssetCorrelation: model.sectorAssetCorrelation };
  const scenario = scenarioId ? await getStressScenario(db, scope, scenarioId) : null;
  return createSimulation(db, scope, {
    portfolioId: t.portfolioId,
    asOf: inputs.asOf,
    scenario,
    factorModel: model,
    pdSource: inputs.pdSource,
    parameters: { seed, levels: [0.99, 0.999], targetRelativeError: 0.03, maxScenarios: 200_000, chunkSize: 500 },
    inputs: { exposures: inputs.exposures, factorModel, limits: await listRiskLimits(db, scope) },
    excluded: inputs.excluded,
  });
}

async function runToEnd(simulationId: string, db = workers[0]!.db): Promise<{ final: RiskSimulation; phases: Set<string> }> {
  await client.enqueue('simulate-portfolio', { organizationId: t.organizationId, simulationId });
  const phases = new Set<string>();
  const deadline = Date.now() + 240_000;
  for (;;) {
    const run = (await getSimulation(db, scopeOf(t), simulationId))!;
    phases.add(run.progress.phase);
    if (run.status === 'COMPLETED' || run.status === 'FAILED') return { final: run, phases };
    if (Date.now() > deadline) throw new Error(`simulation still ${run.status} (${JSON.stringify(run.progress)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('simulate-portfolio', () => {
  let inProcess: RiskResultView;

  it('runs a stored simulation to the target error with progress and every view, base and stressed', async () => {
    const worker = await start('100000');
    const scope = scopeOf(t);
    await setRiskLimit(worker.db, scope, { kind: 'SINGLE_NAME', key: '*', maxShare: '0.015' });
    await setRiskLimit(worker.db, scope, { kind: 'SECTOR', key: 'Energy', maxShare: '0.10' });
    const scenario = await createStressScenario(worker.db, scope, {
      name: 'Energy slump',
      definition: { factorShocks: { Energy: -2 }, pdMultipliers: { bySegment: { RETAIL: 1.5 } }, lgdAddOns: { all: 0.05 } },
    });
    const requested = await requestRun(scenario.id, 7);
    expect(requested.status).toBe('QUEUED');
    const { final, phases } = await runToEnd(requested.id);
    expect(final.error).toBeNull();
    expect(final.status).toBe('COMPLETED');
    expect(phases.has('done')).toBe(true);
    expect(final.progress.fannedOutJobs).toBe(0);
    const result = final.result as unknown as RiskResultView;
    inProcess = result;

    // Monte Carlo EL agrees with the closed form within its error; UL is positive.
    const { base, stressed } = result;
    expect(Math.abs(base.expectedLoss.value - base.expectedLossClosedForm)).toBeLessThan(4 * base.expectedLoss.standardError + 1e-9);
    expect(base.expectedLossClosedForm).toBeCloseTo(result.totals.expectedLoss, 6);
    expect(base.converged).toBe(true);
    for (const level of base.levels) {
      expect(level.expectedShortfall.standardError / level.expectedShortfall.value).toBeLessThanOrEqual(0.03);
      expect(level.expectedShortfall.value).toBeGreaterThanOrEqual(level.valueAtRisk.value);
      const bySector = level.contributionsBySector.reduce((sum, entry) => sum + entry.contribution, 0);
      expect(bySector).toBeCloseTo(level.expectedShortfall.value, 6);
      expect(level.topObligors.length).toBeGreaterThan(0);
      expect(level.topObligors.length).toBeLessThanOrEqual(20);
      expect(level.topObligors[0]!.name).toMatch(/^Obligor /);
    }
    expect(base.histogram!.edges.length).toBe(base.histogram!.probability.length + 1);
    // Stress raises PD, EL and the tail.
    expect(stressed).not.toBeNull();
    expect(result.stress!.stressed.averagePd).toBeGreaterThan(result.stress!.base.averagePd);
    expect(result.stress!.stressed.expectedLoss).toBeGreaterThan(result.stress!.base.expectedLoss);
    expect(result.stress!.stressed.levels[1]!.expectedShortfall.value).toBeGreaterThan(
      result.stress!.base.levels[1]!.expectedShortfall.value,
    );
    // Closed-form views.
    expect(result.irb.total.rwa).toBeGreaterThan(0);
    expect(result.irb.bySegment.map((s) => s.key).sort()).toEqual(['CORPORATE', 'RETAIL', 'SME']);
    expect(result.ifrs9.stages.reduce((n, s) => n + s.exposureCount, 0)).toBe(result.totals.exposureCount);
    expect(result.ifrs9.stages[2]!.exposureCount).toBeGreaterThan(0); // the fixture's defaulted exposures
    expect(result.concentration.singleNameHhi).toBeGreaterThan(0);
    // 90 obligors of similar size: each about 1.1% of EAD, some above 1.5%; Energy holds ~25% > 10%.
    expect(result.limitBreaches.some((b) => b.kind === 'SECTOR' && b.key === 'Energy')).toBe(true);
    expect(result.limitBreaches.some((b) => b.kind === 'SINGLE_NAME' && b.limitKey === '*')).toBe(true);
  });

  it('fans a big run out to chunk jobs on several workers and gets the same figures bit for bit', async () => {
    for (const worker of workers.splice(0)) await worker.close();
    await start('1');
    await start('1'); // a second worker process shares the chunk jobs
    const [scenario] = await listStressScenarios(workers[0]!.db, scopeOf(t));
    const requested = await requestRun(scenario!.id, 7);
    const { final } = await runToEnd(requested.id);
    expect(final.error).toBeNull();
    expect(final.status).toBe('COMPLETED');
    expect(final.progress.fannedOutJobs).toBeGreaterThan(0);
    const result = final.result as unknown as RiskResultView;
    expect(result.base.fingerprint).toBe(inProcess.base.fingerprint);
    expect(result.base.levels).toEqual(inProcess.base.levels);
    expect(result.base.expectedLoss).toEqual(inProcess.base.expectedLoss);
    expect(result.stressed!.levels).toEqual(inProcess.stressed!.levels);
  });
});
