// Monitoring through GraphQL: a finished run's PSI/CSI traffic lights and grade migration read back on
// the run; the watchlist lists obligors with links' ids and follows the organization's threshold, which
// only a risk officer (or above) may change; bad arguments are refused naming the argument.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { linkModel, monitorScoringRun, requestScoringRun, scoreBatch, ScorerCache } from '@probity/scoring';
import { loadFeatures, planScoringRun } from '@probity/db';
import { registerModelVersion, trainSmallModelWithReport } from '@probity/scoring/testing';
import { runSql } from '@probity/db/testing';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;
const cache = new ScorerCache();
const N = 12;
const runs: string[] = [];
let versionId: string;
let modelIdOf: string;

async function scoreRun(asOf: string) {
  const scope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } } as const;
  const run = (await requestScoringRun(h.db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf, batchSize: 5 }))!;
  const { pending } = await planScoringRun(h.db, scope, run.id, 'test');
  for (const batchNo of pending) await scoreBatch(h.db, scope, run.id, batchNo, cache);
  await monitorScoringRun(h.db, scope, run.id);
  runs.push(run.id);
}

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'monitoring-api', N);
  const scope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } } as const;
  const cards = (asOf: string, shift: number) =>
    loadFeatures(h.db, scope, {
      level: 'EXPOSURE',
      asOf,
      source: {
        text: [
          'external_id,PAY_0,BILL_AMT1',
          ...Array.from({ length: N }, (_, i) => `${t.slug}-E${i},${(i % 4) - 1 + shift},${i * 900}`),
        ].join('\n'),
      },
    });
  expect((await cards('2026-09-30', 0)).ok).toBe(true);
  const ratios = ['external_id,current_ratio', ...Array.from({ length: N }, (_, i) => `${t.slug}-O${i},${(i % 5) / 2}`)].join('\n');
  expect((await loadFeatures(h.db, scope, { level: 'OBLIGOR', asOf: '2026-09-30', source: { text: ratios } })).ok).toBe(true);
  const { modelFileJson, report } = await trainSmallModelWithReport();
  const { modelId, versionId: registered } = await registerModelVersion(inject('databaseUrl'), t.organizationId, modelFileJson, {
    validationReport: JSON.parse(JSON.stringify({ stability: report.scoreStability, population: report.population })),
  });
  versionId = registered;
  modelIdOf = modelId;
  await linkModel(h.db, scope, { portfolioId: t.portfolioId, modelId });
  await scoreRun('2026-09-30');
  expect((await cards('2026-10-31', 3)).ok).toBe(true);
  await scoreRun('2026-10-31');
}, 180_000);
afterAll(async () => {
  await cache.close();
  await h?.close();
});

describe('monitoring through GraphQL', () => {
  it('reads the run monitoring: PSI and CSI with traffic lights, migration against the previous run', async () => {
    type Read = {
      scoringRun: {
        monitoring: {
          reference: string;
          psi: { value: number; light: string; bins: { expectedShare: number }[] };
          csi: { feature: string; value: number; light: string }[];
          previousRunId: string;
          migration: { grades: string[]; counts: number[][]; matched: number; downgrades: number };
        };
      };
    };
    const res = await h.call<Read>(
      `query($id: ID!) { scoringRun(id: $id) { monitoring { reference previousRunId
          psi { feature value light bins { label expectedShare actualShare contribution } }
          csi { feature value light }
          migration { grades counts matched stable upgrades downgrades downgradesTwoPlus newExposures } } } }`,
      { id: runs[1] },
      t.keys.read,
    );
    expect(res.body.errors).toBeUndefined();
    const m = res.body.data!.scoringRun.monitoring;
    expect(m.reference).toBe('training-population');
    expect(m.previousRunId).toBe(runs[0]);
    expect(['GREEN', 'AMBER', 'RED']).toContain(m.psi.light);
    expect(m.psi.bins.reduce((s, b) => s + b.expectedShare, 0)).toBeCloseTo(1, 9);
    expect(m.csi.find((c) => c.feature === 'PAY_0')!.light).toBe('RED');
    expect(m.migration.matched).toBe(N);
    expect(m.migration.counts.flat().reduce((s, c) => s + c, 0)).toBe(N);
    expect(m.migration.downgrades).toBeGreaterThan(0);
    // The first run has no previous run to migrate from.
    const firstRun = await h.call<{ scoringRun: { monitoring: { migration: null } } }>(
      'query($id: ID!) { scoringRun(id: $id) { monitoring { migration { matched } } } }',
      { id: runs[0] },
      t.keys.read,
    );
    expect(firstRun.body.data!.scoringRun.monitoring.migration).toBeNull();
  });

  it('lists the watchlist and follows the threshold, which a risk officer may change and an analyst may not', async () => {
    type List = {
      watchlist: {
        pdThreshold: number;
        totalCount: number;
        entries: { obligorId: string; pd: number; reasons: string[]; runId: string }[];
      };
    };
    const WATCH =
      'query($p: ID) { watchlist(portfolioId: $p, first: 100) { pdThreshold gradeDrop totalCount entries { obligorId obligorName pd previousPd grade previousGrade gradesDown reasons runId } } }';
    const before = await h.call<List>(WATCH, { p: t.portfolioId }, t.keys.read);
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data!.watchlist.pdThreshold).toBe(0.05);
    for (const e of before.body.data!.watchlist.entries) {
      expect(e.runId).toBe(runs[1]);
      expect(e.reasons.length).toBeGreaterThan(0);
    }
    const SET = 'mutation($t: Float) { setMonitoringSettings(watchlistPdThreshold: $t) { watchlistPdThreshold watchlistGradeDrop } }';
    const analyst = await h.call(SET, { t: 0.5 }, await t.token('ANALYST'));
    expect(analyst.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await h.call(SET, { t: 2 }, await t.token('RISK_OFFICER'));
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'watchlistPdThreshold' });
    const set = await h.call<{ setMonitoringSettings: { watchlistPdThreshold: number; watchlistGradeDrop: number } }>(
      SET,
      { t: 0.99 },
      await t.token('RISK_OFFICER'),
    );
    expect(set.body.data!.setMonitoringSettings).toEqual({ watchlistPdThreshold: 0.99, watchlistGradeDrop: 2 });
    const after = await h.call<List>(WATCH, { p: t.portfolioId }, t.keys.read);
    // At 99% no PD crosses: only grade drops remain.
    for (const e of after.body.data!.watchlist.entries) expect(e.reasons).toEqual(['GRADE_DROP']);
    expect(after.body.data!.watchlist.totalCount).toBeLessThanOrEqual(before.body.data!.watchlist.totalCount);
    // A save based on the settings before that one is refused, naming the argument; nothing changes.
    const SETTINGS = 'query { monitoringSettings { watchlistPdThreshold version } watchlist(first: 1) { settingsVersion } }';
    type Settings = { monitoringSettings: { watchlistPdThreshold: number; version: number }; watchlist: { settingsVersion: number } };
    const saved = (await h.call<Settings>(SETTINGS, {}, t.keys.read)).body.data!;
    expect(saved.watchlist.settingsVersion).toBe(saved.monitoringSettings.version);
    const STALE = 'mutation($t: Float, $v: Int) { setMonitoringSettings(watchlistPdThreshold: $t, expectedVersion: $v) { version } }';
    const stale = await h.call(STALE, { t: 0.3, v: saved.monitoringSettings.version - 1 }, await t.token('RISK_OFFICER'));
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    expect((await h.call<Settings>(SETTINGS, {}, t.keys.read)).body.data!.monitoringSettings).toEqual({
      watchlistPdThreshold: 0.99,
      version: saved.monitoringSettings.version,
    });
    const tooMany = await h.call('query { watchlist(first: 1000) { totalCount } }', {}, t.keys.read);
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('back-tests runs against the defaults observed since, on the run and on the model version', async () => {
    await runSql(inject('databaseUrl'), `UPDATE exposures SET status = 'PERFORMING', defaulted_on = NULL WHERE portfolio_id = $1`, [
      t.portfolioId,
    ]);
    await runSql(
      inject('databaseUrl'),
      `UPDATE exposures SET status = 'DEFAULTED' WHERE id IN (SELECT exposure_id FROM scores WHERE run_id = $1 ORDER BY pd DESC LIMIT 2)`,
      [runs[1]],
    );
    type B = {
      exposures: number;
      defaults: number;
      windowComplete: boolean;
      auc: number | null;
      byGrade: { count: number; defaults: number; binomialPValue: number }[];
    };
    const res = await h.call<{ scoringRun: { backtest: B }; modelVersion: { backtests: (B & { runId: string })[] } }>(
      `query($id: ID!, $v: ID!) {
         scoringRun(id: $id) { backtest { exposures defaults windowComplete auc byGrade { count defaults binomialPValue } } }
         modelVersion(id: $v) { backtests { runId exposures defaults auc } } }`,
      { id: runs[1], v: versionId },
      t.keys.read,
    );
    expect(res.body.errors).toBeUndefined();
    const b = res.body.data!.scoringRun.backtest;
    expect(b).toMatchObject({ exposures: N, defaults: 2, windowComplete: false });
    // The two highest PDs defaulted: the ranking is as good as it gets.
    expect(b.auc).toBe(1);
    expect(b.byGrade.reduce((s, g) => s + g.defaults, 0)).toBe(2);
    for (const g of b.byGrade) expect(g.binomialPValue).toBeGreaterThan(0);
    const versions = res.body.data!.modelVersion.backtests;
    expect(versions.map((v) => v.runId)).toEqual([runs[1], runs[0]]);
  });

  it('designates a challenger through GraphQL: a risk officer only, never the champion', async () => {
    const SET = 'mutation($m: ID!, $v: ID) { setModelChallenger(modelId: $m, versionId: $v) }';
    const analyst = await h.call(SET, { m: modelIdOf, v: null }, await t.token('ANALYST'));
    expect(analyst.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const champion = await h.call(SET, { m: modelIdOf, v: versionId }, await t.token('RISK_OFFICER'));
    expect(champion.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'versionId' });
    // An approved second version becomes the challenger, and the model says so.
    const { modelFileJson } = await trainSmallModelWithReport();
    const { versionId: approved } = await registerModelVersion(inject('databaseUrl'), t.organizationId, modelFileJson, {
      modelId: modelIdOf,
      status: 'APPROVED',
    });
    const set = await h.call<{ setModelChallenger: string }>(SET, { m: modelIdOf, v: approved }, await t.token('RISK_OFFICER'));
    expect(set.body.data?.setModelChallenger).toBe(approved);
    const designated = await h.call<{ model: { challenger: { id: string } | null } }>(
      'query($id: ID!) { model(id: $id) { challenger { id } } }',
      { id: modelIdOf },
      t.keys.read,
    );
    expect(designated.body.data!.model.challenger).toEqual({ id: approved });
    const cleared = await h.call<{ setModelChallenger: string | null }>(SET, { m: modelIdOf, v: null }, await t.token('RISK_OFFICER'));
    expect(cleared.body.errors).toBeUndefined();
    expect(cleared.body.data!.setModelChallenger).toBeNull();
    const model = await h.call<{ model: { challenger: { id: string } | null } }>(
      'query($id: ID!) { model(id: $id) { challenger { id } } }',
      { id: modelIdOf },
      t.keys.read,
    );
    expect(model.body.data!.model.challenger).toBeNull();
    const run = await h.call<{ scoringRun: { challengerVersionId: string | null; challenger: null } }>(
      'query($id: ID!) { scoringRun(id: $id) { challengerVersionId challenger { spearman } } }',
      { id: runs[1] },
      t.keys.read,
    );
    expect(run.body.data!.scoringRun).toEqual({ challengerVersionId: null, challenger: null });
  });
});
