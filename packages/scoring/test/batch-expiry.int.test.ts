// A batch job that outlives its expiry: pg-boss hands the batch to a second job while the first still
// works on it. The second waits on the batch row the first holds locked, then finds the batch done and
// writes nothing: one score per exposure, however the two overlap (real PostgreSQL, real model).
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { getScoringRun, planScoringRun, withScoringBatch, type Database, type TenantScope } from '@probity/db';
import type { TenantFixture } from '@probity/db/testing';
import { requestScoringRun, scoreBatch, ScorerCache } from '../src/index.ts';
import { linkSmallModel, loadCards, sameScores, scoringTenant } from './setup.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
const cache = new ScorerCache();
const N = 12;

beforeAll(async () => {
  ({ db, t, scope } = await scoringTenant('expiry', N, 'system'));
  const cards = Array.from({ length: N }, (_, i) => `${t.slug}-E${i},${i % 4},${i * 100},1.5`);
  await loadCards(db, scope, 'EXPOSURE', '2026-10-31', 'external_id,PAY_0,BILL_AMT1,current_ratio', cards);
  await linkSmallModel(db, scope, t.portfolioId);
}, 120_000);
afterAll(async () => {
  await cache.close();
  await db.close();
});

describe('a batch job that outlives its expiry', () => {
  it('does not write twice: the retry waits for the first job, then skips the done batch', async () => {
    const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-11-30', batchSize: N }))!;
    const { pending } = await planScoringRun(db, scope, run.id, 'test');
    expect(pending).toEqual([0]);

    // The first job: it has read its batch and is still scoring when its expiry passes.
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = withScoringBatch(db, scope, run.id, 0, async (inputs) => {
      entered();
      await gate;
      return {
        scores: sameScores(inputs.length),
        reasonUnits: ['PAY_0'],
        scoreMs: 0,
      };
    });
    await inside;

    // The retry pg-boss starts after the expiry: it must wait, not score the batch alongside.
    let retryFinished = false;
    const retry = scoreBatch(db, scope, run.id, 0, cache).finally(() => (retryFinished = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(retryFinished).toBe(false);

    release();
    const [one, two] = await Promise.all([first, retry]);
    expect(one).toMatchObject({ skipped: false, scored: N });
    expect(two).toMatchObject({ skipped: true, scored: 0 });

    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string; exposures: string; hashes: string }>(
        `SELECT count(*) AS n, count(DISTINCT exposure_id) AS exposures, count(DISTINCT input_hash) AS hashes FROM scores WHERE run_id = $1`,
        [run.id],
      );
      // Every score is the first job's (its placeholder hash), none the retry's.
      expect(rows[0]).toEqual({ n: String(N), exposures: String(N), hashes: '1' });
    } finally {
      await client.end();
    }
    expect(await getScoringRun(db, scope, run.id)).toMatchObject({ status: 'SUCCEEDED', scoredCount: N, batchesDone: 1 });
  });
});
