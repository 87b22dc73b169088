// A batch rehearsed, as a worker does at start for each scorer it loads: the first exposures of a run's
// portfolio read and scored as a batch does, in a read-only transaction that writes nothing anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rehearseScoringBatch, versionsToScore, type Database, type TenantScope } from '@probity/db';
import type { TenantFixture } from '@probity/db/testing';
import { rehearseBatch, ScorerCache } from '../src/index.ts';
import { sameScores, scoredRun, smallModelBook, sql } from './setup.ts';

const N = 12;
let db: Database;
let t: TenantFixture;
let scope: TenantScope;
let runId: string;
let versionId: string;
const cache = new ScorerCache();

/** Everything of the organization's a batch writes: its scores, runs and batch ledger, row for row. */
const written = () =>
  sql<{ scores: string; runs: unknown; batches: unknown }>(
    `SELECT (SELECT count(*) FROM scores WHERE organization_id = $1) AS scores,
            (SELECT jsonb_agg(to_jsonb(r) ORDER BY r.id) FROM scoring_runs r WHERE r.organization_id = $1) AS runs,
            (SELECT jsonb_agg(to_jsonb(b) ORDER BY b.run_id, b.batch_no) FROM scoring_batches b WHERE b.organization_id = $1) AS batches`,
    [t.organizationId],
  );

beforeAll(async () => {
  ({ db, t, scope } = await smallModelBook('rehearsal', N));
  runId = await scoredRun(db, scope, cache, { portfolioId: t.portfolioId, asOf: '2026-11-30', batchSize: 5 });
  const [run] = await sql<{ version: string }>('SELECT model_version_id::text AS version FROM scoring_runs WHERE id = $1', [runId]);
  versionId = run!.version;
}, 120_000);
afterAll(async () => {
  await cache.close();
  await db.close();
});

describe('rehearsing a batch', () => {
  it("lists the linked champion with its portfolio's latest run for a worker to rehearse", async () => {
    const ours = (await versionsToScore(db, 64)).filter((v) => v.organizationId === t.organizationId);
    expect(ours).toEqual([{ organizationId: t.organizationId, versionId, latestRunId: runId }]);
  });

  it("reads the portfolio's first exposures by id, as a batch reads them, and writes nothing", async () => {
    const before = await written();
    let seen: string[] = [];
    const scored = await rehearseScoringBatch(db, scope, { runId, rows: 5 }, async (inputs) => {
      seen = inputs.map((i) => i.exposureId).sort();
      expect(inputs.every((i) => i.exposure !== null && i.exposure.columns.includes('PAY_0'))).toBe(true);
      return { scores: sameScores(inputs.length), reasonUnits: ['PAY_0'], scoreMs: 0 };
    });
    const first = await sql<{ id: string }>('SELECT id::text FROM exposures WHERE portfolio_id = $1 ORDER BY id LIMIT 5', [t.portfolioId]);
    expect(scored).toBe(5);
    expect(seen).toEqual(first.map((r) => r.id).sort());
    expect(await written()).toEqual(before);
  });

  it('scores with the real scorer, the whole portfolio when it is smaller than asked, and still writes nothing', async () => {
    const before = await written();
    expect(await rehearseBatch(db, scope, cache, { runId, versionId, rows: 10_000 })).toBe(N);
    expect(await written()).toEqual(before);
  });

  it('refuses a row count that is not a positive integer, naming it, and a run it cannot see', async () => {
    await expect(rehearseScoringBatch(db, scope, { runId, rows: 0 }, async () => ({}) as never)).rejects.toThrow(/rows/);
    await expect(rehearseBatch(db, scope, cache, { runId: '00000000-0000-4000-8000-000000000000', versionId, rows: 5 })).rejects.toThrow(
      /ScoringRun/,
    );
  });

  it('fails, writing nothing, when the scores do not fit the inputs', async () => {
    const before = await written();
    await expect(
      rehearseScoringBatch(db, scope, { runId, rows: 5 }, async () => ({ scores: sameScores(4), reasonUnits: ['PAY_0'], scoreMs: 0 })),
    ).rejects.toThrow(/4 scores for 5 inputs/);
    expect(await written()).toEqual(before);
  });
});
