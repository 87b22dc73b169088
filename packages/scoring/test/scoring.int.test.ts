// Scoring against real PostgreSQL with a real trained model: linking checks columns, a run is planned
// into batches, every batch writes one score per exposure (PD, grade, top contributions, input hash),
// a batch scored twice writes nothing the second time, and the same version on the same inputs gives
// the same PD bit for bit.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { getScoringRun, latestScoresOf, loadFeatures, type Database, type TenantScope } from '@probity/db';
import type { TenantFixture } from '@probity/db/testing';
import { dueSlot, linkModel, requestScoringRun, scoreBatch, ScorerCache } from '../src/index.ts';
import { registerModelVersion, trainSmallModel } from '../src/testing.ts';
import { runToEnd, scoringTenant, sql } from './setup.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
let model: { modelId: string; versionId: string };
const cache = new ScorerCache();
const N = 23;

beforeAll(async () => {
  ({ db, t, scope } = await scoringTenant('scoring', N, 'riskOfficer'));
  const cards = [
    'external_id,PAY_0,BILL_AMT1',
    ...Array.from({ length: N }, (_, i) => `${t.slug}-E${i},${(i % 5) - 1},${1000 * i + 0.1}`),
  ].join('\n');
  expect((await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: cards } })).ok).toBe(true);
  model = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel());
}, 120_000);
afterAll(async () => {
  await cache.close();
  await db.close();
});

describe('scoring a portfolio', () => {
  it('refuses to link while the portfolio lacks a column the model needs, naming it', async () => {
    await expect(linkModel(db, scope, { portfolioId: t.portfolioId, modelId: model.modelId })).rejects.toThrow(
      /lacks 1 column\(s\) the model needs: current_ratio/,
    );
    await expect(linkModel(db, scope, { portfolioId: t.portfolioId, modelId: model.modelId, cron: 'every night' })).rejects.toThrow(/cron/);
  });

  it('scores every exposure once per run, reproducibly, with grades and reasons', async () => {
    const ratios = ['external_id,current_ratio', ...Array.from({ length: N }, (_, i) => `${t.slug}-O${i},${(i % 7) / 2}`)].join('\n');
    expect((await loadFeatures(db, scope, { level: 'OBLIGOR', asOf: '2026-10-31', source: { text: ratios } })).ok).toBe(true);
    const link = await linkModel(db, scope, { portfolioId: t.portfolioId, modelId: model.modelId });
    expect(link.cron).toBe('0 3 * * *');

    const first = (await requestScoringRun(db, scope, {
      portfolioId: t.portfolioId,
      trigger: 'manual',
      asOf: '2026-11-30',
      batchSize: 5,
    }))!;
    expect(first.modelVersionId).toBe(model.versionId);
    await runToEnd(db, scope, cache, first.id);
    const run = (await getScoringRun(db, scope, first.id))!;
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      batchCount: 5,
      batchesDone: 5,
      exposureCount: N,
      scoredCount: N,
      skippedCount: 0,
      asOf: '2026-11-30',
    });
    expect(run.finishedAt).not.toBeNull();

    // A batch job run again (a duplicate, or one that outlived its expiry) writes nothing.
    const again = await scoreBatch(db, scope, first.id, 0, cache);
    expect(again).toMatchObject({ skipped: true, scored: 0 });
    const rows = await sql<{ n: string; distinct_exposures: string }>(
      'SELECT count(*) AS n, count(DISTINCT exposure_id) AS distinct_exposures FROM scores WHERE run_id = $1',
      [first.id],
    );
    expect(rows[0]).toEqual({ n: String(N), distinct_exposures: String(N) });
    // Written by COPY as the owner, yet every score carries the tenant's organization (the column's
    // default is the transaction's tenant setting, the value row-level security checks).
    const orgs = await sql<{ organization_id: string }>('SELECT DISTINCT organization_id FROM scores WHERE run_id = $1', [first.id]);
    expect(orgs).toEqual([{ organization_id: t.organizationId }]);
    // The run's figures per grade, added up from its batches, equal a recount of its stored scores.
    const figures = await sql<Record<string, string>>(
      `WITH recount AS (
         SELECT s.grade, count(*)::int AS n, sum(e.ead) AS ead, sum(s.pd * e.ead::float8) AS pd_ead,
                sum(s.pd * e.lgd::float8 * e.ead::float8) AS el, min(s.pd) AS min_pd, max(s.pd) AS max_pd
           FROM scores s JOIN exposures e ON e.id = s.exposure_id WHERE s.run_id = $1 GROUP BY s.grade)
       SELECT r.grade, (g.exposure_count = r.n AND g.ead = r.ead AND g.min_pd = r.min_pd AND g.max_pd = r.max_pd
                        AND abs(g.pd_ead - r.pd_ead) <= 1e-12 * abs(r.pd_ead) AND abs(g.expected_loss - r.el) <= 1e-12 * abs(r.el))::text AS same,
              g.organization_id
         FROM recount r LEFT JOIN scoring_run_grades g ON g.run_id = $1 AND g.grade = r.grade ORDER BY r.grade`,
      [first.id],
    );
    expect(figures.length).toBeGreaterThan(1);
    for (const f of figures) expect(f).toEqual({ grade: f.grade, same: 'true', organization_id: t.organizationId });

    const [one] = await sql<{
      id: string;
      pd: number;
      grade: string;
      reason_features: string[];
      codes_type: string;
      reason_values: number[];
      input_hash: string;
      hash_bytes: number;
    }>(
      // The reasons stored as smallint codes into the run's unit list, named here through it.
      `SELECT e.id, s.pd, s.grade, ARRAY(SELECT r.reason_units[c + 1] FROM unnest(s.reason_codes) WITH ORDINALITY u(c, o) ORDER BY o) AS reason_features,
              pg_typeof(s.reason_codes)::text AS codes_type, s.reason_values, encode(s.input_hash, 'hex') AS input_hash, octet_length(s.input_hash) AS hash_bytes
         FROM scores s JOIN exposures e ON e.id = s.exposure_id JOIN scoring_runs r ON r.id = s.run_id WHERE s.run_id = $1 AND e.external_id = $2`,
      [first.id, `${t.slug}-E4`], // PAY_0 = 3: arrears drive the PD up
    );
    expect(one!.pd).toBeGreaterThan(0);
    expect(one!.pd).toBeLessThan(1);
    expect(one!.grade).toMatch(/^[A-D]+$/);
    expect(one!.codes_type).toBe('smallint[]');
    expect(one!.reason_features[0]).toBe('PAY_0');
    expect(one!.reason_features.length).toBe(one!.reason_values.length);
    expect(one!.reason_features.length).toBeLessThanOrEqual(5);
    // The SHA-256 stored as its 32 bytes, read back as the 64 hex characters.
    expect(one!.hash_bytes).toBe(32);
    expect(one!.input_hash).toMatch(/^[0-9a-f]{64}$/);
    // Read back, the reason is the version's label, the share the stored one.
    const [read] = await latestScoresOf(db, scope, [one!.id]);
    expect(read!.inputHash).toBe(one!.input_hash);
    expect(read!.contributions[0]).toEqual({ feature: 'PAY_0', contribution: one!.reason_values[0], reason: 'months in arrears' });
    expect(read!.contributions.map((c) => c.feature)).toEqual(one!.reason_features);

    // Same version, same inputs: the same PD to the bit, from a fresh scorer.
    const second = (await requestScoringRun(db, scope, {
      portfolioId: t.portfolioId,
      trigger: 'manual',
      asOf: '2026-11-30',
      batchSize: 7,
    }))!;
    const fresh = new ScorerCache();
    await runToEnd(db, scope, fresh, second.id);
    await fresh.close();
    const compared = await sql<{ same: string; total: string }>(
      `SELECT count(*) FILTER (WHERE a.pd = b.pd AND float8send(a.pd) = float8send(b.pd) AND a.input_hash = b.input_hash AND a.grade = b.grade AND a.reason_codes = b.reason_codes AND ra.reason_units = rb.reason_units AND a.reason_values::text = b.reason_values::text) AS same, count(*) AS total
         FROM scores a JOIN scores b ON a.exposure_id = b.exposure_id JOIN scoring_runs ra ON ra.id = a.run_id JOIN scoring_runs rb ON rb.id = b.run_id
        WHERE a.run_id = $1 AND b.run_id = $2`,
      [first.id, second.id],
    );
    expect(compared[0]).toEqual({ same: String(N), total: String(N) });
  });

  it('makes one run per schedule slot, however many schedulers ask at once', async () => {
    const slot = dueSlot('*/5 * * * *', 'UTC', new Date('2026-11-30T08:07:00Z'))!;
    expect(slot.toISOString()).toBe('2026-11-30T08:05:00.000Z');
    expect(dueSlot('0 3 * * *', 'UTC', new Date('2026-11-30T08:07:00Z'))).toBeNull(); // last night's slot is stale
    const system: TenantScope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'schedule-scoring' } };
    const attempts = await Promise.all(
      [1, 2, 3].map(() => requestScoringRun(db, system, { portfolioId: t.portfolioId, trigger: 'schedule', slot, asOf: '2026-11-30' })),
    );
    expect(attempts.filter((run) => run !== null)).toHaveLength(1);
    const [row] = await sql<{ n: string }>('SELECT count(*) AS n FROM scoring_runs WHERE portfolio_id = $1 AND slot = $2', [
      t.portfolioId,
      slot,
    ]);
    expect(row).toEqual({ n: '1' });
  });

  it('refuses a retired or rejected version, and a run once a column is gone, naming it', async () => {
    const retired = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel(9), {
      modelId: model.modelId,
      status: 'RETIRED',
    });
    await expect(
      requestScoringRun(db, scope, { portfolioId: t.portfolioId, modelVersionId: retired.versionId, trigger: 'manual' }),
    ).rejects.toThrow(/RETIRED/);
    const rejected = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel(11), {
      modelId: model.modelId,
      status: 'REJECTED',
    });
    await expect(
      requestScoringRun(db, scope, { portfolioId: t.portfolioId, modelVersionId: rejected.versionId, trigger: 'manual' }),
    ).rejects.toThrow(/REJECTED/);
    // Data as of a day before any feature was loaded: nothing to score with.
    await expect(requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-01-31' })).rejects.toThrow(
      /BILL_AMT1, PAY_0, current_ratio|current_ratio/,
    );
  });
});
