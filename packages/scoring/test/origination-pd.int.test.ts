// IFRS 9's PD at initial recognition in the risk inputs: the recorded one when there is one, else the
// exposure's PD in the portfolio's first succeeded scoring run (real runs of a real trained model),
// else none; later runs never move it.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import {
  createDatabase,
  listExposures,
  loadFeatures,
  planScoringRun,
  portfolioRiskInputs,
  updateExposure,
  type Database,
  type TenantScope,
} from '@probity/db';
import { createTenantFixture, type TenantFixture } from '@probity/db/testing';
import { linkModel, requestScoringRun, scoreBatch, ScorerCache } from '../src/index.ts';
import { registerModelVersion, trainSmallModel } from '../src/testing.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
const cache = new ScorerCache();
const N = 8;

async function loadCards(payShift: number): Promise<void> {
  const rows = Array.from({ length: N }, (_, i) => `${t.slug}-E${i},${((i + payShift) % 5) - 1},${1000 * i + 0.5}`);
  const result = await loadFeatures(db, scope, {
    level: 'EXPOSURE',
    asOf: '2026-09-30',
    source: { text: ['external_id,PAY_0,BILL_AMT1', ...rows].join('\n') },
  });
  expect(result.ok).toBe(true);
}

async function scoredRun(): Promise<void> {
  const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-09-30', batchSize: 4 }))!;
  const { pending } = await planScoringRun(db, scope, run.id, 'test');
  for (const batchNo of pending) await scoreBatch(db, scope, run.id, batchNo, cache);
}

const inputsById = async () =>
  new Map((await portfolioRiskInputs(db, scope, t.portfolioId, { pd: { flat: 0.02 } }))!.exposures.map((e) => [e.id, e]));

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'origination', exposures: N });
  scope = { organizationId: t.organizationId, actor: { kind: 'user', userId: t.users.RISK_OFFICER.id } };
  await loadCards(0);
  const ratios = Array.from({ length: N }, (_, i) => `${t.slug}-O${i},${(i % 7) / 2}`);
  expect(
    (
      await loadFeatures(db, scope, {
        level: 'OBLIGOR',
        asOf: '2026-09-30',
        source: { text: ['external_id,current_ratio', ...ratios].join('\n') },
      })
    ).ok,
  ).toBe(true);
  const model = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel());
  await linkModel(db, scope, { portfolioId: t.portfolioId, modelId: model.modelId });
}, 120_000);
afterAll(async () => {
  await cache.close();
  await db.close();
});

describe('PD at origination', () => {
  it('is none before any run, the first run’s PD after runs, and the recorded one where recorded', async () => {
    for (const exposure of (await inputsById()).values())
      expect(exposure).toMatchObject({ pdAtOrigination: null, pdAtOriginationSource: null });

    await scoredRun();
    const first = await inputsById();
    const scoredFirst = [...first.values()].filter((e) => e.pdOrigin === 'SCORING_RUN');
    expect(scoredFirst.length).toBeGreaterThan(3);
    for (const e of scoredFirst) expect(e).toMatchObject({ pdAtOrigination: e.pd, pdAtOriginationSource: 'FIRST_SCORING_RUN' });

    // New features, a second run: current PDs move, the origination PDs stay the first run's.
    await loadCards(2);
    await scoredRun();
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
