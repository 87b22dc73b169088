// A batch's scores are written by position (score r is the r-th input's), so a callback that returns
// more or fewer scores than it was given inputs, or fewer reason slots than its scores need, is refused
// before anything is written: the batch stays to do and the run keeps no score of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getScoringRun, planScoringRun, withScoringBatch, type Database, type TenantScope } from '@probity/db';
import type { TenantFixture } from '@probity/db/testing';
import { requestScoringRun } from '../src/index.ts';
import { sameScores, smallModelBook, sql } from './setup.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
const N = 4;

beforeAll(async () => {
  ({ db, t, scope } = await smallModelBook('scoresshape', N));
}, 120_000);
afterAll(async () => {
  await db.close();
});

describe("a batch's scores that do not fit its inputs", () => {
  it('are refused, naming the mismatch, and nothing of the batch is written', async () => {
    const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-11-30', batchSize: N }))!;
    await planScoringRun(db, scope, run.id, 'test');
    const scoring = (scores: ReturnType<typeof sameScores>) => ({ scores, reasonUnits: ['PAY_0'], scoreMs: 0 });

    await expect(withScoringBatch(db, scope, run.id, 0, async (inputs) => scoring(sameScores(inputs.length - 1)))).rejects.toThrow(
      `do not fit its inputs: ${N - 1} scores for ${N} inputs`,
    );
    const short = (n: number) => ({ ...sameScores(n), reasonsPerScore: 2 });
    await expect(withScoringBatch(db, scope, run.id, 0, async (inputs) => scoring(short(inputs.length)))).rejects.toThrow(
      `fewer reason slots than ${N} x 2`,
    );

    const after = await getScoringRun(db, scope, run.id);
    expect(after).toMatchObject({ status: 'RUNNING', batchesDone: 0, scoredCount: 0 });

    // The same batch with one score per input is written in full, and the refused tries left no row:
    // the run (its one batch) ends with exactly one score per exposure.
    const done = await withScoringBatch(db, scope, run.id, 0, async (inputs) => scoring(sameScores(inputs.length)));
    expect(done).toMatchObject({ skipped: false, scored: N });
    expect(done.run.status).toBe('SUCCEEDED');
    const [written] = await sql<{ n: string; exposures: string }>(
      'SELECT count(*) AS n, count(DISTINCT exposure_id) AS exposures FROM scores WHERE run_id = $1',
      [run.id],
    );
    expect(written).toEqual({ n: String(N), exposures: String(N) });
  });
});
