// Monitoring after a run, against real PostgreSQL and a really trained model: the PSI and CSI stored
// with the run equal a recount of the stored PDs and the loaded features against the version's
// training population; the migration matrix equals the grade pairs of the two runs' stored scores;
// the step is idempotent.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import {
  getMonitoringSettings,
  loadFeatures,
  scoringRunMonitorings,
  setMonitoringSettings,
  watchlist,
  type Database,
  type TenantScope,
} from '@probity/db';
import type { TenantFixture } from '@probity/db/testing';
import { auc, countNumeric, psi, stabilityOf, type NumericProfile, type TrainReport } from '@probity/ml';
import { backtestRun, gradeBands, linkModel, monitorScoringRun, ScorerCache, type RunMonitoring } from '../src/index.ts';
import { registerModelVersion, trainSmallModelWithReport } from '../src/testing.ts';
import { scoredRun, scoringTenant, sql } from './setup.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
let report: TrainReport;
let modelFileJson: string;
const cache = new ScorerCache();
const N = 60;

async function load(level: 'EXPOSURE' | 'OBLIGOR', asOf: string, header: string, row: (i: number) => string) {
  const text = [header, ...Array.from({ length: N }, (_, i) => row(i))].join('\n');
  expect((await loadFeatures(db, scope, { level, asOf, source: { text } })).ok).toBe(true);
}

const run = (asOf: string) => scoredRun(db, scope, cache, { portfolioId: t.portfolioId, asOf, batchSize: 16 });

beforeAll(async () => {
  ({ db, t, scope } = await scoringTenant('monitoring', N, 'riskOfficer'));
  ({ modelFileJson, report } = await trainSmallModelWithReport());
  // Stored as the worker stores it: the report's population under validation_report.population.
  const { modelId } = await registerModelVersion(inject('databaseUrl'), t.organizationId, modelFileJson, {
    validationReport: { stability: report.scoreStability, population: report.population },
  });
  await load('EXPOSURE', '2026-09-30', 'external_id,PAY_0,BILL_AMT1', (i) => `${t.slug}-E${i},${(i % 5) - 1},${1500 * i}`);
  await load('OBLIGOR', '2026-09-30', 'external_id,current_ratio', (i) => `${t.slug}-O${i},${(i % 7) / 2}`);
  await linkModel(db, scope, { portfolioId: t.portfolioId, modelId });
}, 180_000);
afterAll(async () => {
  await cache.close();
  await db.close();
});

describe('monitoring after a run', () => {
  let firstRun: string;
  let secondRun: string;
  let first: RunMonitoring;

  it('stores PSI and CSI equal to a recount of the stored scores and features against the training population', async () => {
    firstRun = await run('2026-09-30');
    const [stored] = (await scoringRunMonitorings(db, scope, [firstRun])) as unknown as [RunMonitoring | null];
    // Not computed by scoreBatch itself: the step after the run does it.
    expect(stored).toBeNull();
    first = (await monitorScoringRun(db, scope, firstRun))!;
    expect(first.reference).toBe('training-population');
    const pds = (await sql<{ pd: number }>('SELECT pd FROM scores WHERE run_id = $1', [firstRun])).map((r) => r.pd);
    expect(pds).toHaveLength(N);
    const expectedPsi = stabilityOf(report.population.score, countNumeric(report.population.score, pds)).index;
    expect(first.psi!.value).toBeCloseTo(expectedPsi, 12);
    expect(first.psi!.light).toBe(expectedPsi < 0.1 ? 'GREEN' : expectedPsi < 0.25 ? 'AMBER' : 'RED');

    const bill = Array.from({ length: N }, (_, i) => 1500 * i);
    const billProfile = report.population.features.find((f) => f.feature === 'BILL_AMT1') as NumericProfile;
    const csiBill = first.csi!.find((c) => c.feature === 'BILL_AMT1')!;
    expect(csiBill.value).toBeCloseTo(stabilityOf(billProfile, countNumeric(billProfile, bill)).index, 12);
    expect(first.csi!.map((c) => c.feature).sort()).toEqual(['BILL_AMT1', 'PAY_0', 'current_ratio']);
    expect(first.previousRunId).toBeNull();
    expect(first.migration).toBeNull();

    // Stored with the run, once: a second call (a retried job) changes nothing.
    expect(await monitorScoringRun(db, scope, firstRun)).toBeNull();
    const [again] = (await scoringRunMonitorings(db, scope, [firstRun])) as unknown as [RunMonitoring];
    expect(again.computedAt).toBe(first.computedAt);
    expect(again.psi!.value).toBe(first.psi!.value);
  });

  it('migrates grades against the previous run and shows the shift in the CSI', async () => {
    // A month later every obligor is three months further in arrears.
    await load('EXPOSURE', '2026-10-31', 'external_id,PAY_0,BILL_AMT1', (i) => `${t.slug}-E${i},${(i % 5) + 2},${1500 * i}`);
    secondRun = await run('2026-10-31');
    const second = (await monitorScoringRun(db, scope, secondRun))!;
    expect(second.previousRunId).toBe(firstRun);
    const pairs = await sql<{ from: string; to: string; n: string }>(
      `SELECT p.grade AS "from", c.grade AS "to", count(*) AS n FROM scores c JOIN scores p ON p.exposure_id = c.exposure_id AND p.run_id = $2
        WHERE c.run_id = $1 GROUP BY 1, 2`,
      [secondRun, firstRun],
    );
    const m = second.migration!;
    for (const p of pairs) expect(m.counts[m.grades.indexOf(p.from)]![m.grades.indexOf(p.to)]).toBe(Number(p.n));
    expect(m.matched).toBe(N);
    expect(m.downgrades).toBeGreaterThan(0);
    expect(m.upgrades).toBe(0);
    const pay = second.csi!.find((c) => c.feature === 'PAY_0')!;
    const payBefore = first.csi!.find((c) => c.feature === 'PAY_0')!;
    expect(pay.value).toBeGreaterThan(payBefore.value);
    expect(pay.light).toBe('RED');
    // Bill amounts did not change: the same CSI as the first run.
    expect(second.csi!.find((c) => c.feature === 'BILL_AMT1')!.value).toBeCloseTo(
      first.csi!.find((c) => c.feature === 'BILL_AMT1')!.value,
      12,
    );
  });

  it('puts obligors that crossed the threshold or fell two grades on the watchlist, with a threshold per organization', async () => {
    const scale = gradeBands(null).map((b) => b.grade);
    const pairs = await sql<{ obligor_id: string; pd: number; prev_pd: number; grade: string; prev_grade: string }>(
      `SELECT c.obligor_id, c.pd, p.pd AS prev_pd, c.grade, p.grade AS prev_grade FROM scores c
         JOIN scores p ON p.exposure_id = c.exposure_id AND p.run_id = $2 WHERE c.run_id = $1`,
      [secondRun, firstRun],
    );
    const expected = (t: number, drop: number) =>
      pairs
        .filter((r) => (r.pd >= t && r.prev_pd < t) || scale.indexOf(r.grade) - scale.indexOf(r.prev_grade) >= drop)
        .map((r) => r.obligor_id)
        .sort();
    const before = await watchlist(db, scope, { portfolioId: t.portfolioId, first: 500, scale });
    expect(before.settings.watchlistPdThreshold).toBe(0.05);
    expect(before.entries.map((e) => e.obligorId).sort()).toEqual(expected(0.05, 2));
    expect(before.totalCount).toBe(before.entries.length);
    expect(before.entries.length).toBeGreaterThan(0);
    const pds = before.entries.map((e) => e.pd);
    expect(pds).toEqual([...pds].sort((a, b) => b - a));
    const e = before.entries[0]!;
    expect(e).toMatchObject({ portfolioId: t.portfolioId, runId: secondRun, previousRunId: firstRun });
    expect(e.obligorName).toMatch(/^Obligor/);
    if (e.reasons.includes('GRADE_DROP')) expect(e.gradesDown).toBeGreaterThanOrEqual(2);

    // A stricter threshold and drop apply at once; the change is audited.
    const pick = [...pairs].sort((a, b) => a.pd - b.pd)[Math.floor(pairs.length / 2)]!.pd;
    await setMonitoringSettings(db, scope, { watchlistPdThreshold: pick, watchlistGradeDrop: 3 });
    const after = await watchlist(db, scope, { portfolioId: t.portfolioId, first: 500, scale });
    expect(after.entries.map((x) => x.obligorId).sort()).toEqual(expected(pick, 3));
    const page = await watchlist(db, scope, { portfolioId: t.portfolioId, first: 2, offset: 1, scale });
    expect(page.entries.map((x) => x.obligorId)).toEqual(after.entries.slice(1, 3).map((x) => x.obligorId));
    expect(page.totalCount).toBe(after.totalCount);
    const audit = await sql<{ after: { watchlistPdThreshold: number } }>(
      `SELECT after FROM audit_logs WHERE organization_id = $1 AND action = 'monitoringSettings.update'`,
      [t.organizationId],
    );
    expect(audit.map((a) => a.after.watchlistPdThreshold)).toEqual([pick]);
    await expect(setMonitoringSettings(db, scope, { watchlistPdThreshold: 1.5 })).rejects.toThrow(/watchlistPdThreshold/);
    await expect(setMonitoringSettings(db, scope, { watchlistGradeDrop: 0 })).rejects.toThrow(/watchlistGradeDrop/);
    expect((await getMonitoringSettings(db, scope)).watchlistGradeDrop).toBe(3);
    await expect(watchlist(db, scope, { first: 501, scale })).rejects.toThrow(/first/);
    await setMonitoringSettings(db, scope, { watchlistPdThreshold: 0.05, watchlistGradeDrop: 2 });
  });

  it('falls back to the validation report PSI bins for versions trained before populations were stored', async () => {
    const { modelId } = await registerModelVersion(inject('databaseUrl'), t.organizationId, modelFileJson, {
      validationReport: JSON.parse(JSON.stringify({ stability: report.scoreStability })),
    });
    await linkModel(db, scope, { portfolioId: t.portfolioId, modelId });
    const id = await run('2026-10-31');
    const m = (await monitorScoringRun(db, scope, id))!;
    expect(m.reference).toBe('validation-report-stability');
    expect(m.csi).toBeNull();
    const pds = (await sql<{ pd: number }>('SELECT pd FROM scores WHERE run_id = $1', [id])).map((r) => r.pd);
    // The stored bins are the training PDs' deciles: psi() with those edges gives the same figure.
    const edges = report
      .scoreStability!.bins.filter((b) => b.label !== 'missing')
      .slice(0, -1)
      .map((b) => b.upper);
    const training = report.scoreStability!.bins.filter((b) => b.label !== 'missing');
    expect(m.psi!.bins.map((b) => b.expectedShare)).toEqual(training.map((b) => b.expectedShare));
    const recount = psi(pds, pds, { edges }).bins.map((b) => b.actualShare);
    expect(m.psi!.bins.map((b) => b.actualShare)).toEqual(recount.slice(0, m.psi!.bins.length));
  });

  it('back-tests a run against the defaults observed within twelve months of its as-of day', async () => {
    // The second run (data as of 2026-10-31). Four exposures default: two today (the trigger dates
    // them), one dated before the as-of day (left out), one dated after the window (not counted).
    const ids = (await sql<{ id: string }>('SELECT exposure_id AS id FROM scores WHERE run_id = $1 ORDER BY pd DESC', [secondRun])).map(
      (r) => r.id,
    );
    // (The fixture's own defaulted exposures become performing first, so the outcomes are exactly these.)
    await sql(`UPDATE exposures SET status = 'PERFORMING', defaulted_on = NULL WHERE portfolio_id = $1`, [t.portfolioId]);
    await sql(`UPDATE exposures SET status = 'DEFAULTED' WHERE id = ANY($1::uuid[])`, [[ids[0], ids[5]]]);
    await sql(`UPDATE exposures SET status = 'DEFAULTED', defaulted_on = '2026-10-01' WHERE id = $1`, [ids[1]]);
    await sql(`UPDATE exposures SET status = 'DEFAULTED', defaulted_on = '2028-01-01' WHERE id = $1`, [ids[2]]);
    const dated = await sql<{ defaulted_on: string }>('SELECT defaulted_on::text FROM exposures WHERE id = $1', [ids[0]]);
    expect(dated[0]!.defaulted_on).toBe((await sql<{ d: string }>('SELECT current_date::text AS d'))[0]!.d);

    const b = (await backtestRun(db, scope, secondRun))!;
    expect(b).toMatchObject({ asOf: '2026-10-31', windowEnd: '2027-10-31', defaultedBefore: 1, exposures: N - 1, defaults: 2 });
    const rows = await sql<{ pd: number; id: string }>('SELECT pd, exposure_id AS id FROM scores WHERE run_id = $1 AND exposure_id <> $2', [
      secondRun,
      ids[1],
    ]);
    const labels = rows.map((r) => (r.id === ids[0] || r.id === ids[5] ? 1 : 0));
    expect(b.auc!.value).toBeCloseTo(
      auc(
        labels,
        rows.map((r) => r.pd),
      ),
      12,
    );
    expect(b.byGrade.reduce((s, g) => s + g.count, 0)).toBe(N - 1);
    expect(b.byGrade.reduce((s, g) => s + g.defaults, 0)).toBe(2);
    // A run that did not succeed, or another id, has no back-test.
    expect(await backtestRun(db, scope, '00000000-0000-0000-0000-000000000000')).toBeNull();
  });
});
