// On-demand scoring and what-if against real PostgreSQL and a real trained model: the PD of one
// obligor scored now equals, to the bit, what a scoring run stored for the same inputs; the waterfall
// adds up; refusals name what is wrong; a what-if stores nothing; a counterfactual value really moves
// the grade; a saved scenario is stored with its audit row, once per name.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { listWhatIfScenarios, loadFeatures, obligorScoreHistory, planScoringRun, type Database, type TenantScope } from '@probity/db';
import { createTenantFixture, type TenantFixture } from '@probity/db/testing';
import {
  gradeBands,
  gradeOf,
  linkModel,
  requestScoringRun,
  saveScenario,
  scoreBatch,
  scoreObligor,
  ScorerCache,
  whatIf,
} from '../src/index.ts';
import { registerModelVersion, trainSmallModel } from '../src/testing.ts';
import { DEFAULT_MASTER_SCALE, ModelScorer, parseModel } from '@probity/ml';
import { scoringTenant, sql } from './setup.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
let model: { modelId: string; versionId: string };
const cache = new ScorerCache();
const N = 6;
let obligorOf: Map<string, string>;
let modelJson: string;

const counts = async () =>
  (
    await sql<{ scores: string; audits: string; scenarios: string }>(
      `SELECT (SELECT count(*) FROM scores WHERE organization_id = $1) AS scores, (SELECT count(*) FROM audit_logs WHERE organization_id = $1) AS audits,
              (SELECT count(*) FROM what_if_scenarios WHERE organization_id = $1) AS scenarios`,
      [t.organizationId],
    )
  )[0]!;

beforeAll(async () => {
  ({ db, t, scope } = await scoringTenant('whatif', N, 'riskOfficer'));
  const rows = await sql<{ external_id: string; obligor_id: string }>(
    'SELECT external_id, obligor_id FROM exposures WHERE organization_id = $1',
    [t.organizationId],
  );
  obligorOf = new Map(rows.map((r) => [r.external_id, r.obligor_id]));
  modelJson = await trainSmallModel();
  model = await registerModelVersion(inject('databaseUrl'), t.organizationId, modelJson);
}, 120_000);
afterAll(async () => {
  await cache.close();
  await db.close();
});

describe('scoring one obligor on demand', () => {
  it('refuses while no model is linked, or the data lacks a column, naming them', async () => {
    const obligorId = obligorOf.get(`${t.slug}-E3`)!;
    await expect(scoreObligor(db, scope, cache, { obligorId })).rejects.toThrow(/no model is linked to this obligor's portfolio\(s\)/);
    const cards = [
      'external_id,PAY_0,BILL_AMT1',
      ...Array.from({ length: N }, (_, i) => `${t.slug}-E${i},${(i % 5) - 1},${1000 * i + 0.5}`),
    ];
    expect((await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: cards.join('\n') } })).ok).toBe(true);
    const ratios = ['external_id,current_ratio', ...Array.from({ length: N }, (_, i) => `${t.slug}-O${i},${(i % 4) / 2}`)];
    expect((await loadFeatures(db, scope, { level: 'OBLIGOR', asOf: '2026-10-31', source: { text: ratios.join('\n') } })).ok).toBe(true);
    await linkModel(db, scope, { portfolioId: t.portfolioId, modelId: model.modelId });
    await expect(scoreObligor(db, scope, cache, { obligorId, asOf: '2026-01-31' })).rejects.toThrow(
      new RegExp(`exposure ${t.slug}-E3's data on 2026-01-31 lacks 3 column\\(s\\) the model needs: .*current_ratio`),
    );
  });

  it('gives the PD a scoring run stores for the same inputs, bit for bit, with an explanation that adds up, storing nothing', async () => {
    const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-11-30' }))!;
    const { pending } = await planScoringRun(db, scope, run.id, 'test');
    for (const batchNo of pending) await scoreBatch(db, scope, run.id, batchNo, cache);
    const obligorId = obligorOf.get(`${t.slug}-E3`)!; // PAY_0 = 2
    const before = await counts();
    const result = await scoreObligor(db, scope, cache, { obligorId, asOf: '2026-11-30' });
    expect(await counts()).toEqual(before);
    expect(result.scores).toHaveLength(1);
    const score = result.scores[0]!;
    const [stored] = await sql<{ pd: number; grade: string; same: boolean }>(
      'SELECT pd, grade, float8send(pd) = float8send($2::float8) AS same FROM scores WHERE run_id = $1 AND exposure_id = $3',
      [run.id, score.pd, score.exposureId],
    );
    expect(stored).toEqual({ pd: score.pd, grade: score.grade, same: true });
    expect(score).toMatchObject({
      modelVersionId: model.versionId,
      externalId: `${t.slug}-E3`,
      inputs: { PAY_0: 2, BILL_AMT1: 3000.5, current_ratio: 1.5 },
    });
    const sum = score.baselineLogit + score.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(Math.abs(sum - score.logit)).toBeLessThan(1e-6);
    expect(score.reasons[0]).toMatchObject({ feature: 'PAY_0', label: 'months in arrears' });

    const history = await obligorScoreHistory(db, scope, obligorId);
    expect(history).toEqual([
      expect.objectContaining({ runId: run.id, pd: score.pd, grade: score.grade, exposureExternalId: `${t.slug}-E3` }),
    ]);
  });

  it('refuses a retired or rejected version, naming its status', async () => {
    const obligorId = obligorOf.get(`${t.slug}-E1`)!;
    for (const status of ['RETIRED', 'REJECTED']) {
      const version = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel(9), {
        modelId: model.modelId,
        status,
      });
      await expect(
        scoreObligor(db, scope, cache, { obligorId, modelVersionId: version.versionId, asOf: '2026-11-30' }),
      ).rejects.toMatchObject({
        field: 'modelVersionId',
        message: expect.stringContaining(`is ${status}`) as string,
      });
    }
  });
});

describe('what-if', () => {
  it('scores the changed features next to the current ones, with a counterfactual that really moves the grade', async () => {
    const obligorId = obligorOf.get(`${t.slug}-E4`)!; // PAY_0 = 3, BILL_AMT1 = 4000.5, current_ratio = 0
    const before = await counts();
    const result = await whatIf(db, scope, cache, { obligorId, asOf: '2026-11-30', changes: [{ feature: 'BILL_AMT1', value: 90_000 }] });
    expect(await counts()).toEqual(before);
    const [e] = result.exposures;
    expect(e!.current.inputs.BILL_AMT1).toBe(4000.5);
    expect(e!.scenario.inputs.BILL_AMT1).toBe(90_000);
    // The scenario is the model's PD of the changed row, as the lean scorer computes it on its own.
    const direct = new ModelScorer(parseModel(modelJson)).scoreRecord(
      { PAY_0: 3, BILL_AMT1: 90_000, current_ratio: 0 },
      { explain: false },
    );
    expect(e!.scenario.pd).toBe(direct.pd);
    expect(e!.scenario.pd).not.toBe(e!.current.pd);

    const bands = gradeBands(DEFAULT_MASTER_SCALE);
    const index = bands.findIndex((b) => b.grade === e!.scenario.grade);
    expect(index).toBeGreaterThan(0);
    expect(e!.targetGrade).toBe(bands[index - 1]!.grade);
    const pay = e!.counterfactuals.find((c) => c.feature === 'PAY_0');
    expect(pay).toBeDefined();
    // Check it independently: score with PAY_0 at the value found, and one step back towards 3.
    const moved = await whatIf(db, scope, cache, {
      obligorId,
      asOf: '2026-11-30',
      changes: [
        { feature: 'BILL_AMT1', value: 90_000 },
        { feature: 'PAY_0', value: pay!.to as number },
      ],
    });
    expect(moved.exposures[0]!.scenario.pd).toBe(pay!.pd);
    expect(bands.findIndex((b) => b.grade === moved.exposures[0]!.scenario.grade)).toBeLessThan(index);
    expect(gradeOf(bands, pay!.pd)).toBe(pay!.grade);
    expect(pay!.sentence).toBe(`PAY_0 at ${pay!.to} would move this obligor to grade ${pay!.grade}`);
    const stepBack = await whatIf(db, scope, cache, {
      obligorId,
      asOf: '2026-11-30',
      changes: [
        { feature: 'BILL_AMT1', value: 90_000 },
        { feature: 'PAY_0', value: (pay!.to as number) + 1 },
      ],
    });
    expect(bands.findIndex((b) => b.grade === stepBack.exposures[0]!.scenario.grade)).toBe(index);
  });

  it('refuses a feature the model does not read and a value that is not finite, naming the change', async () => {
    const obligorId = obligorOf.get(`${t.slug}-E4`)!;
    await expect(
      whatIf(db, scope, cache, {
        obligorId,
        changes: [
          { feature: 'PAY_0', value: 1 },
          { feature: 'income', value: 5 },
        ],
      }),
    ).rejects.toMatchObject({
      field: 'changes[1].feature',
      message: expect.stringContaining('"income" is not a feature the model reads') as string,
    });
    await expect(whatIf(db, scope, cache, { obligorId, changes: [{ feature: 'PAY_0', value: Number.NaN }] })).rejects.toMatchObject({
      field: 'changes[0].value',
    });
  });

  it('saves a named scenario with its audit row, once per name; a refused one stores nothing', async () => {
    const obligorId = obligorOf.get(`${t.slug}-E4`)!;
    const before = await counts();
    const saved = await saveScenario(db, scope, cache, {
      obligorId,
      name: 'Arrears cleared',
      asOf: '2026-11-30',
      changes: [{ feature: 'PAY_0', value: -1 }],
    });
    expect(saved).toMatchObject({
      name: 'Arrears cleared',
      obligorId,
      changes: [{ feature: 'PAY_0', value: -1, text: null }],
      asOf: '2026-11-30',
    });
    expect(saved.result[0]!.scenarioPd).toBeLessThan(saved.result[0]!.currentPd);
    const audit = await sql<{ action: string; entity_id: string }>(
      "SELECT action, entity_id FROM audit_logs WHERE organization_id = $1 AND entity_type = 'WhatIfScenario'",
      [t.organizationId],
    );
    expect(audit).toEqual([{ action: 'whatIfScenario.save', entity_id: saved.id }]);
    await expect(
      saveScenario(db, scope, cache, { obligorId, name: 'Arrears cleared', asOf: '2026-11-30', changes: [{ feature: 'PAY_0', value: 0 }] }),
    ).rejects.toMatchObject({
      field: 'name',
      message: expect.stringContaining('already has a scenario named "Arrears cleared"') as string,
    });
    await expect(saveScenario(db, scope, cache, { obligorId, name: 'Nothing', changes: [] })).rejects.toMatchObject({ field: 'changes' });
    await expect(saveScenario(db, scope, cache, { obligorId, name: ' ', changes: [{ feature: 'PAY_0', value: 0 }] })).rejects.toMatchObject(
      {
        field: 'name',
      },
    );
    const after = await counts();
    expect(Number(after.scenarios) - Number(before.scenarios)).toBe(1);
    expect(Number(after.audits) - Number(before.audits)).toBe(1);
    expect((await listWhatIfScenarios(db, scope, obligorId)).map((s) => s.name)).toEqual(['Arrears cleared']);
    // Another organization sees none of it.
    const other = await createTenantFixture(inject('databaseUrl'), { label: 'whatif-other', exposures: 1 });
    const otherScope: TenantScope = { organizationId: other.organizationId, actor: { kind: 'user', userId: other.users.RISK_OFFICER.id } };
    expect(await listWhatIfScenarios(db, otherScope, obligorId)).toEqual([]);
    await expect(scoreObligor(db, otherScope, cache, { obligorId })).rejects.toThrow(/Obligor not found/);
  });
});
