// On-demand scoring and what-if through GraphQL with an API key: refusals are BAD_USER_INPUT naming the
// argument, the score carries the waterfall (baseline, contributions, PD) and reason codes, a what-if
// answers both sides and a counterfactual sentence, and only a risk officer saves a scenario, which
// the obligor then lists. Nothing but the saved scenario is stored.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { linkModelToPortfolioForTest } from './what-if-setup.ts';
import { runSql } from '@probity/db/testing';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;
let obligorId: string;

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'what-if-api', 4);
  const [row] = await runSql<{ obligor_id: string }>(inject('databaseUrl'), 'SELECT obligor_id FROM exposures WHERE external_id = $1', [
    `${t.slug}-E3`,
  ]);
  obligorId = row!.obligor_id;
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const SCORE = `query($o: ID!, $v: ID) { scoreObligor(obligorId: $o, modelVersionId: $v) { asOf scores { externalId pd grade logit baselineLogit baselinePd gap
  contributions { feature label value contribution } reasons { feature text } inputs { name value text } } } }`;
const WHAT_IF = `query($o: ID!, $c: [WhatIfChangeInput!]!) { whatIf(obligorId: $o, changes: $c) { changes { feature value }
  exposures { current { pd grade } scenario { pd grade inputs { name value } } targetGrade counterfactuals { feature from to toValue pd grade sentence } } } }`;
const SAVE = `mutation($n: String!, $o: ID!, $c: [WhatIfChangeInput!]!) { saveWhatIfScenario(name: $n, obligorId: $o, changes: $c) { id name changes { feature value } outcomes { currentPd scenarioPd scenarioGrade } } }`;

describe('scoreObligor and whatIf through GraphQL', () => {
  it('refuses an obligor whose portfolio has no model, naming the argument', async () => {
    const res = await h.call(SCORE, { o: obligorId }, t.keys.read);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'obligorId' });
    expect(res.body.errors?.[0]?.message).toMatch(/no model is linked/);
  });

  it('scores one obligor with its waterfall and reasons, and a what-if with its counterfactual, storing nothing', async () => {
    const { retiredVersionId } = await linkModelToPortfolioForTest(h.db, t);
    const before = await runSql<{ n: string }>(inject('databaseUrl'), 'SELECT count(*) AS n FROM audit_logs WHERE organization_id = $1', [
      t.organizationId,
    ]);
    type Score = {
      pd: number;
      grade: string;
      logit: number;
      baselineLogit: number;
      baselinePd: number;
      gap: number;
      contributions: { feature: string; contribution: number; value: string | null }[];
      reasons: { feature: string; text: string }[];
      inputs: { name: string; value: number | null }[];
    };
    const res = await h.call<{ scoreObligor: { scores: Score[] } }>(SCORE, { o: obligorId }, t.keys.read);
    expect(res.body.errors).toBeUndefined();
    const [score] = res.body.data!.scoreObligor.scores;
    const sum = score!.baselineLogit + score!.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(Math.abs(sum - score!.logit)).toBeLessThan(1e-6);
    expect(score!.pd).toBeCloseTo(1 / (1 + Math.exp(-score!.logit)), 12);
    expect(score!.inputs).toHaveLength(3);
    expect(score!.inputs).toEqual(
      expect.arrayContaining([
        { name: 'PAY_0', value: 2, text: null },
        { name: 'BILL_AMT1', value: 3000, text: null },
        { name: 'current_ratio', value: 1.5, text: null },
      ]),
    );
    expect(score!.contributions.find((c) => c.feature === 'PAY_0')?.value).toBe('2');
    expect(score!.reasons[0]?.text).toMatch(/^months in arrears = 2 raises the risk/);

    const retired = await h.call(SCORE, { o: obligorId, v: retiredVersionId }, t.keys.read);
    expect(retired.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'modelVersionId' });
    expect(retired.body.errors?.[0]?.message).toContain('is RETIRED');

    type WhatIf = {
      whatIf: {
        exposures: {
          current: { pd: number };
          scenario: { pd: number; inputs: { name: string; value: number }[] };
          targetGrade: string | null;
          counterfactuals: { feature: string; to: string; toValue: number; grade: string; sentence: string }[];
        }[];
      };
    };
    const what = await h.call<WhatIf>(WHAT_IF, { o: obligorId, c: [{ feature: 'current_ratio', value: 0 }] }, t.keys.read);
    expect(what.body.errors).toBeUndefined();
    const [e] = what.body.data!.whatIf.exposures;
    expect(e!.current.pd).toBe(score!.pd);
    expect(e!.scenario.inputs.find((i) => i.name === 'current_ratio')?.value).toBe(0);
    expect(e!.targetGrade).not.toBeNull();
    const pay = e!.counterfactuals.find((c) => c.feature === 'PAY_0')!;
    expect(pay.sentence).toBe(`PAY_0 at ${pay.to} would move this obligor to grade ${pay.grade}`);
    expect(Number.isInteger(pay.toValue)).toBe(true);

    const unknown = await h.call(WHAT_IF, { o: obligorId, c: [{ feature: 'income', value: 1 }] }, t.keys.read);
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'changes[0].feature' });
    const after = await runSql<{ n: string }>(inject('databaseUrl'), 'SELECT count(*) AS n FROM audit_logs WHERE organization_id = $1', [
      t.organizationId,
    ]);
    expect(after).toEqual(before);
  });

  it('saves a scenario for a risk officer only, and lists it on the obligor', async () => {
    const analyst = await h.call(
      SAVE,
      { n: 'Ratio at zero', o: obligorId, c: [{ feature: 'current_ratio', value: 0 }] },
      await t.token('ANALYST'),
    );
    expect(analyst.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const saved = await h.call<{ saveWhatIfScenario: { name: string; outcomes: { scenarioPd: number }[] } }>(
      SAVE,
      { n: 'Ratio at zero', o: obligorId, c: [{ feature: 'current_ratio', value: 0 }] },
      await t.token('RISK_OFFICER'),
    );
    expect(saved.body.errors).toBeUndefined();
    const again = await h.call(SAVE, { n: 'Ratio at zero', o: obligorId, c: [{ feature: 'PAY_0', value: 0 }] }, t.keys.admin);
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
    const listed = await h.call<{
      obligor: { whatIfScenarios: { name: string; changes: { feature: string; value: number }[] }[]; scoreHistory: unknown[] };
    }>(
      'query($o: ID!) { obligor(id: $o) { whatIfScenarios { name changes { feature value } } scoreHistory { pd } } }',
      { o: obligorId },
      t.keys.read,
    );
    expect(listed.body.data!.obligor.whatIfScenarios).toEqual([
      { name: 'Ratio at zero', changes: [{ feature: 'current_ratio', value: 0 }] },
    ]);
    expect(listed.body.data!.obligor.scoreHistory).toEqual([]);
  });
});
