// What reads a portfolio's succeeded scoring runs (real runs of a real trained model): the risk inputs
// take PDs from the latest one, fall back to the request's PDs for exposures it did not score, and
// ignore a later run that failed; the overview's PD figures (EAD-weighted PD, expected loss, grades,
// trend) match a recomputation from the scores.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { failScoringRun, portfolioPdFigures, portfolioRiskInputs, type Database, type TenantScope } from '@probity/db';
import { createTenantFixture, type TenantFixture } from '@probity/db/testing';
import { requestScoringRun, ScorerCache } from '../src/index.ts';
import { linkSmallModel, loadCards, payCards, ratioCards, scoredRun, scoringTenant, sql } from './setup.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
const cache = new ScorerCache();
const N = 15;
const UNSCORED = N - 1; // no features at all: the run skips it

interface ScoredRow {
  external_id: string;
  pd: number;
  grade: string;
  ead: string;
  lgd: string;
}

const scoresOfRun = (runId: string) =>
  sql<ScoredRow>(
    'SELECT e.external_id, s.pd, s.grade, e.ead::text AS ead, e.lgd::text AS lgd FROM scores s JOIN exposures e ON e.id = s.exposure_id WHERE s.run_id = $1',
    [runId],
  );

const pdsOfRun = async (runId: string) => new Map((await scoresOfRun(runId)).map((r) => [r.external_id, r.pd]));
const runIds: string[] = [];

const loadPayCards = (asOf: string, payShift: number) =>
  loadCards(db, scope, 'EXPOSURE', asOf, 'external_id,PAY_0,BILL_AMT1', payCards(t.slug, UNSCORED, payShift));

const scoredRunAt = (asOf: string) => scoredRun(db, scope, cache, { portfolioId: t.portfolioId, asOf, batchSize: 4 });

beforeAll(async () => {
  ({ db, t, scope } = await scoringTenant('scoredpds', N, 'riskOfficer'));
  await loadPayCards('2026-09-30', 0);
  await loadCards(db, scope, 'OBLIGOR', '2026-09-30', 'external_id,current_ratio', ratioCards(t.slug, UNSCORED));
  await linkSmallModel(db, scope, t.portfolioId);
}, 120_000);
afterAll(async () => {
  await cache.close();
  await db.close();
});

describe('risk inputs from scoring runs', () => {
  it('uses the request PDs while the portfolio has no succeeded run', async () => {
    const inputs = (await portfolioRiskInputs(db, scope, t.portfolioId, { pd: { flat: 0.02 } }))!;
    expect(inputs.pdSource.kind).toBe('REQUEST');
    expect(new Set(inputs.exposures.filter((e) => !e.defaulted).map((e) => e.pdOrigin))).toEqual(new Set(['REQUEST_FLAT']));
  });

  it("takes each exposure's PD from the latest succeeded run, the request's for the rest, and skips a failed run", async () => {
    const firstId = await scoredRunAt('2026-09-30');
    runIds.push(firstId);
    const first = await pdsOfRun(firstId);
    expect(first.size).toBe(UNSCORED);

    const check = async (runId: string, pds: Map<string, number>) => {
      const inputs = (await portfolioRiskInputs(db, scope, t.portfolioId, { pd: { flat: 0.02 } }))!;
      expect(inputs.pdSource).toMatchObject({ kind: 'SCORING_RUN', scoringRunId: runId, dataAsOf: '2026-09-30' });
      for (const exposure of inputs.exposures) {
        if (exposure.defaulted) expect(exposure).toMatchObject({ pd: 1, pdOrigin: 'DEFAULTED' });
        else if (exposure.id === `${t.slug}-E${UNSCORED}`) expect(exposure).toMatchObject({ pd: 0.02, pdOrigin: 'REQUEST_FLAT' });
        else expect(exposure).toMatchObject({ pd: pds.get(exposure.id), pdOrigin: 'SCORING_RUN' });
      }
      expect(inputs.exposures.filter((e) => e.pdOrigin === 'SCORING_RUN').length).toBeGreaterThan(5);
      // Without request PDs, the unscored exposure is excluded and says why.
      const bare = (await portfolioRiskInputs(db, scope, t.portfolioId))!;
      expect(bare.excluded.find((e) => e.externalId === `${t.slug}-E${UNSCORED}`)?.reason).toMatch(/not scored by the latest scoring run/);
    };
    await check(firstId, first);

    // A later run that failed changes nothing.
    const failed = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-09-30' }))!;
    await failScoringRun(db, scope, failed.id, 'test: worker lost');
    await check(firstId, first);

    // A later succeeded run on changed features replaces the PDs.
    await loadPayCards('2026-09-30', 2);
    const thirdId = await scoredRunAt('2026-09-30');
    runIds.push(thirdId);
    const third = await pdsOfRun(thirdId);
    expect([...third].some(([id, pd]) => first.get(id) !== pd)).toBe(true);
    await check(thirdId, third);
  });
});

describe('PD figures of the overview', () => {
  it('sum EAD-weighted PD, expected loss and grades per succeeded run, newest first, as the scores give them', async () => {
    expect(runIds).toHaveLength(2); // the runs of the test above; the failed one is not a point of the trend
    const trend = await portfolioPdFigures(db, scope, t.portfolioId, 10);
    expect(trend.map((r) => r.runId)).toEqual([...runIds].reverse());
    for (const figures of trend) {
      const scores = await scoresOfRun(figures.runId);
      const sum = (rows: ScoredRow[], f: (r: ScoredRow) => number) => rows.reduce((acc, r) => acc + f(r), 0);
      const ead = sum(scores, (r) => Number(r.ead));
      expect(figures.exposureCount).toBe(scores.length);
      expect(Number(figures.ead)).toBeCloseTo(ead, 2);
      expect(figures.eadWeightedPd!).toBeCloseTo(sum(scores, (r) => r.pd * Number(r.ead)) / ead, 12);
      expect(Number(figures.expectedLoss)).toBeCloseTo(
        sum(scores, (r) => r.pd * Number(r.lgd) * Number(r.ead)),
        2,
      );
      const grades = [...new Set(scores.map((r) => r.grade))];
      expect(figures.grades.map((g) => g.grade).sort()).toEqual(grades.sort());
      for (const grade of figures.grades) {
        const rows = scores.filter((r) => r.grade === grade.grade);
        expect(grade.exposureCount).toBe(rows.length);
        expect(grade.minPd).toBe(Math.min(...rows.map((r) => r.pd)));
        expect(grade.maxPd).toBe(Math.max(...rows.map((r) => r.pd)));
        expect(Number(grade.expectedLoss)).toBeCloseTo(
          sum(rows, (r) => r.pd * Number(r.lgd) * Number(r.ead)),
          2,
        );
      }
      // Best grade first: each grade's PDs lie above the previous one's.
      for (let i = 1; i < figures.grades.length; i += 1) expect(figures.grades[i]!.minPd).toBeGreaterThan(figures.grades[i - 1]!.maxPd);
    }
    expect(await portfolioPdFigures(db, scope, t.portfolioId)).toEqual(trend.slice(0, 1));
  });

  it("shows nothing of another organization's portfolio and refuses a bad run count, naming it", async () => {
    const other = await createTenantFixture(inject('databaseUrl'), { label: 'scoredpds-other', exposures: 1 });
    const outsider: TenantScope = { organizationId: other.organizationId, actor: { kind: 'user', userId: other.users.VIEWER.id } };
    expect(await portfolioPdFigures(db, outsider, t.portfolioId, 5)).toEqual([]);
    await expect(portfolioPdFigures(db, scope, t.portfolioId, 0)).rejects.toThrow(/last: must be an integer from 1 to 100/);
  });
});
