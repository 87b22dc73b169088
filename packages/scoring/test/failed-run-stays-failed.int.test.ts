// A batch still scoring when its run is failed (another batch ran out of retries, or its job was lost):
// it finishes and commits, but the run stays FAILED with its reason and finish time. The run row is read
// unlocked at the batch's start, so without the status check the last batch would flip it to SUCCEEDED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failScoringRun, getScoringRun, planScoringRun, withScoringBatch, type Database, type TenantScope } from '@probity/db';
import type { TenantFixture } from '@probity/db/testing';
import { requestScoringRun } from '../src/index.ts';
import { linkSmallModel, loadCards, sameScores, scoringTenant, sql } from './setup.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
const N = 6;

beforeAll(async () => {
  ({ db, t, scope } = await scoringTenant('failedstays', N, 'system'));
  const cards = Array.from({ length: N }, (_, i) => `${t.slug}-E${i},${i % 4},${i * 100},1.5`);
  await loadCards(db, scope, 'EXPOSURE', '2026-10-31', 'external_id,PAY_0,BILL_AMT1,current_ratio', cards);
  await linkSmallModel(db, scope, t.portfolioId);
}, 120_000);
afterAll(async () => {
  await db.close();
});

describe('a batch that finishes after its run failed', () => {
  it('leaves the run FAILED, even as its last batch', async () => {
    const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-11-30', batchSize: N }))!;
    const { pending } = await planScoringRun(db, scope, run.id, 'test');
    expect(pending).toEqual([0]);

    const outcome = await withScoringBatch(db, scope, run.id, 0, async (inputs) => {
      // While this batch scores, the run is failed from elsewhere (committed before this batch writes).
      await failScoringRun(db, scope, run.id, 'another batch ran out of retries');
      return {
        scores: sameScores(inputs.length),
        reasonUnits: ['PAY_0'],
        scoreMs: 0,
      };
    });
    expect(outcome).toMatchObject({ skipped: false, scored: N });
    expect(outcome.run.status).toBe('FAILED');

    const after = await getScoringRun(db, scope, run.id);
    expect(after).toMatchObject({ status: 'FAILED', error: 'another batch ran out of retries', batchesDone: 1 });
    expect(after!.finishedAt).not.toBeNull();
    // The failed run's partition is sealed (attached) and keeps the batch's scores, one per exposure.
    const [counted] = await sql<{ n: string }>('SELECT count(*) AS n FROM scores WHERE run_id = $1', [run.id]);
    expect(counted!.n).toBe(String(N));
    // Nothing summed the run's grades as a finished run's: only a SUCCEEDED run gets them.
    const [grades] = await sql<{ n: string }>('SELECT count(*) AS n FROM scoring_run_grades WHERE run_id = $1', [run.id]);
    expect(grades!.n).toBe('0');
  });
});
