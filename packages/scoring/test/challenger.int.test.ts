// Challengers against real PostgreSQL with really trained models: only an APPROVED version that is not
// the champion can be designated; it then scores every exposure in shadow in the champion's runs, once
// per run, exposure and version; the comparison reads both sides of the same exposures. A challenger
// that leaves APPROVED (promoted, retired, rejected) stops being one.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import {
  loadFeatures,
  planScoringRun,
  setModelChallenger,
  transitionModelVersion,
  versionsToScore,
  type Database,
  type TenantScope,
} from '@probity/db';
import type { TenantFixture } from '@probity/db/testing';
import { challengerComparison, linkModel, requestScoringRun, scoreBatch, ScorerCache, spearman } from '../src/index.ts';
import { registerModelVersion, trainSmallModel } from '../src/testing.ts';
import { scoringTenant, sql } from './setup.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
const cache = new ScorerCache();
const N = 30;
let modelId: string;
let championId: string;
let challengerId: string;

beforeAll(async () => {
  ({ db, t, scope } = await scoringTenant('challenger', N, 'riskOfficer'));
  const cards = ['external_id,PAY_0,BILL_AMT1', ...Array.from({ length: N }, (_, i) => `${t.slug}-E${i},${(i % 5) - 1},${1000 * i}`)].join(
    '\n',
  );
  const ratios = ['external_id,current_ratio', ...Array.from({ length: N }, (_, i) => `${t.slug}-O${i},${(i % 7) / 2}`)].join('\n');
  expect((await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: cards } })).ok).toBe(true);
  expect((await loadFeatures(db, scope, { level: 'OBLIGOR', asOf: '2026-10-31', source: { text: ratios } })).ok).toBe(true);
  ({ modelId, versionId: championId } = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel(7)));
  ({ versionId: challengerId } = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel(21), {
    modelId,
    status: 'APPROVED',
  }));
  await linkModel(db, scope, { portfolioId: t.portfolioId, modelId });
}, 180_000);
afterAll(async () => {
  await cache.close();
  await db.close();
});

describe('challengers', () => {
  it('designates only an APPROVED version that is not the champion, audited', async () => {
    await expect(setModelChallenger(db, scope, modelId, championId)).rejects.toThrow(/versionId: version 1 is CHAMPION/);
    const other = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel(9), { status: 'APPROVED' });
    await expect(setModelChallenger(db, scope, modelId, other.versionId)).rejects.toThrow(/versionId: no such version of this model/);
    expect(await setModelChallenger(db, scope, modelId, challengerId)).toBe(challengerId);
    const audit = await sql<{ after: { challengerVersionId: string } }>(
      `SELECT after FROM audit_logs WHERE organization_id = $1 AND action = 'model.setChallenger'`,
      [t.organizationId],
    );
    expect(audit.map((a) => a.after.challengerVersionId)).toEqual([challengerId]);
  });

  it("names the linked model's champion and challenger among the versions a worker loads at start", async () => {
    // The database holds other tests' organizations too: this one's entries, and the limit.
    const ours = (await versionsToScore(db, 64)).filter((v) => v.organizationId === t.organizationId);
    expect(ours.map((v) => v.versionId).sort()).toEqual([championId, challengerId].sort());
    expect(await versionsToScore(db, 1)).toHaveLength(1);
    expect(await versionsToScore(db, 0)).toEqual([]);
  });

  it('scores in shadow in the same run, once per exposure, and compares with the champion', async () => {
    const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-10-31', batchSize: 8 }))!;
    expect(run.challengerVersionId).toBe(challengerId);
    const { pending } = await planScoringRun(db, scope, run.id, 'test');
    for (const batchNo of pending) await scoreBatch(db, scope, run.id, batchNo, cache);
    await scoreBatch(db, scope, run.id, 0, cache); // a duplicate job writes nothing
    const [counts] = await sql<{ n: string; exposures: string; version: string }>(
      'SELECT count(*) AS n, count(DISTINCT exposure_id) AS exposures, min(model_version_id::text) AS version FROM challenger_scores WHERE run_id = $1',
      [run.id],
    );
    expect(counts).toEqual({ n: String(N), exposures: String(N), version: challengerId });
    const champion = await sql<{ pd: number }>('SELECT pd FROM scores WHERE run_id = $1 ORDER BY exposure_id', [run.id]);
    const shadow = await sql<{ pd: number }>('SELECT pd FROM challenger_scores WHERE run_id = $1 ORDER BY exposure_id', [run.id]);
    // A different model: different PDs, yet ranked much alike (same features, same signs).
    expect(shadow.map((s) => s.pd)).not.toEqual(champion.map((c) => c.pd));

    const c = (await challengerComparison(db, scope, run.id))!;
    expect(c.exposures).toBe(N);
    expect(c.spearman).toBeCloseTo(
      spearman(
        champion.map((x) => x.pd),
        shadow.map((x) => x.pd),
      )!,
      12,
    );
    expect(c.migration.matched).toBe(N);
    // The fixture's defaulted exposures were dated on insert (today, after the as-of day): observed defaults.
    const [observed] = await sql<{ d: string }>(
      `SELECT count(*) AS d FROM exposures WHERE portfolio_id = $1 AND defaulted_on > '2026-10-31'`,
      [t.portfolioId],
    );
    expect(c.defaults).toBe(Number(observed!.d));
    if (c.defaults > 0) expect(c.auc!.champion).toBeGreaterThanOrEqual(0);

    // Clearing the challenger: the next run has none.
    await setModelChallenger(db, scope, modelId, null);
    const next = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-10-31' }))!;
    expect(next.challengerVersionId).toBeNull();
  });

  it('stops being the challenger when it leaves APPROVED, and a retired version never scores in shadow', async () => {
    const url = inject('databaseUrl');
    const challengerOf = async () =>
      (await sql<{ c: string | null }>('SELECT challenger_version_id AS c FROM models WHERE id = $1', [modelId]))[0]!.c;
    const nextRun = async () =>
      (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-10-31' }))!.challengerVersionId;
    const loaded = async () => (await versionsToScore(db, 64)).filter((v) => v.organizationId === t.organizationId).map((v) => v.versionId);

    // Retired while it is the challenger: cleared in the same transaction, audited with the reason.
    const retiring = await registerModelVersion(url, t.organizationId, await trainSmallModel(35), { modelId, status: 'APPROVED' });
    await setModelChallenger(db, scope, modelId, retiring.versionId);
    await transitionModelVersion(db, scope, retiring.versionId, 'retire');
    expect(await challengerOf()).toBeNull();
    expect(await nextRun()).toBeNull();
    const audit = await sql<{ before: unknown; after: unknown }>(
      `SELECT before, after FROM audit_logs WHERE organization_id = $1 AND action = 'model.setChallenger' ORDER BY created_at DESC, id DESC LIMIT 1`,
      [t.organizationId],
    );
    expect(audit[0]).toEqual({
      before: { challengerVersionId: retiring.versionId },
      after: { challengerVersionId: null, reason: 'version 3 retired' },
    });

    // Promoted (the challenger won): cleared; and when a later champion retires it, it does not come back.
    await setModelChallenger(db, scope, modelId, challengerId);
    await transitionModelVersion(db, scope, challengerId, 'promote');
    expect(await challengerOf()).toBeNull();
    const later = await registerModelVersion(url, t.organizationId, await trainSmallModel(49), { modelId, status: 'APPROVED' });
    await transitionModelVersion(db, scope, later.versionId, 'promote');
    expect(await challengerOf()).toBeNull();
    expect(await nextRun()).toBeNull();
    expect(await loaded()).toEqual([later.versionId]);

    // A designation stored before transitions cleared it (a RETIRED challenger) is not scored or loaded.
    await sql('UPDATE models SET challenger_version_id = $2 WHERE id = $1', [modelId, challengerId]);
    expect(await nextRun()).toBeNull();
    expect(await loaded()).toEqual([later.versionId]);
    await sql('UPDATE models SET challenger_version_id = NULL WHERE id = $1', [modelId]);
  });
});
