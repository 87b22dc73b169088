// IFRS 9's PD at initial recognition in the risk inputs: the recorded one when there is one, else the
// exposure's PD in the portfolio's first succeeded scoring run (real runs of a real trained model),
// else none; later runs never move it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listExposures, portfolioRiskInputs, updateExposure, type Database, type TenantScope } from '@probity/db';
import type { TenantFixture } from '@probity/db/testing';
import { ScorerCache } from '../src/index.ts';
import { linkSmallModel, loadCards, payCards, ratioCards, scoredRun, scoringTenant } from './setup.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
const cache = new ScorerCache();
const N = 8;

const loadPayCards = (payShift: number) =>
  loadCards(db, scope, 'EXPOSURE', '2026-09-30', 'external_id,PAY_0,BILL_AMT1', payCards(t.slug, N, payShift));

const scoredRunOnce = () => scoredRun(db, scope, cache, { portfolioId: t.portfolioId, asOf: '2026-09-30', batchSize: 4 });

const inputsById = async () =>
  new Map((await portfolioRiskInputs(db, scope, t.portfolioId, { pd: { flat: 0.02 } }))!.exposures.map((e) => [e.id, e]));

beforeAll(async () => {
  ({ db, t, scope } = await scoringTenant('origination', N, 'riskOfficer'));
  await loadPayCards(0);
  await loadCards(db, scope, 'OBLIGOR', '2026-09-30', 'external_id,current_ratio', ratioCards(t.slug, N));
  await linkSmallModel(db, scope, t.portfolioId);
}, 120_000);
afterAll(async () => {
  await cache.close();
  await db.close();
});

describe('PD at origination', () => {
  it('is none before any run, the first run’s PD after runs, and the recorded one where recorded', async () => {
    for (const exposure of (await inputsById()).values())
      expect(exposure).toMatchObject({ pdAtOrigination: null, pdAtOriginationSource: null });

    await scoredRunOnce();
    const first = await inputsById();
    const scoredFirst = [...first.values()].filter((e) => e.pdOrigin === 'SCORING_RUN');
    expect(scoredFirst.length).toBeGreaterThan(3);
    for (const e of scoredFirst) expect(e).toMatchObject({ pdAtOrigination: e.pd, pdAtOriginationSource: 'FIRST_SCORING_RUN' });

    // New features, a second run: current PDs move, the origination PDs stay the first run's.
    await loadPayCards(2);
    await scoredRunOnce();
    const second = await inputsById();
    expect(scoredFirst.some((e) => second.get(e.id)!.pd !== e.pd)).toBe(true);
    for (const e of scoredFirst)
      expect(second.get(e.id)).toMatchObject({ pdAtOrigination: e.pd, pdAtOriginationSource: 'FIRST_SCORING_RUN' });

    const recorded = scoredFirst[0]!;
    const { nodes } = await listExposures(db, scope, t.portfolioId, { first: 50 });
    const row = nodes.find((n) => n.externalId === recorded.id)!;
    await updateExposure(db, scope, row.id, { pdAtOrigination: '0.0042' });
    expect((await inputsById()).get(recorded.id)).toMatchObject({ pdAtOrigination: 0.0042, pdAtOriginationSource: 'RECORDED' });
  });
});
