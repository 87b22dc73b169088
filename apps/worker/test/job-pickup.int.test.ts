// Jobs are taken when they are queued and back to back, not once per poll: a real worker process whose
// idle slots poll only every 30 s still runs a scoring run of six batches on one slot in seconds. The
// score-portfolio job is taken on its queue's wake-up (NOTIFY probity_jobs), and each score-batch job
// right after the one before (the slot notifies itself). Without either, the run would wait for a poll
// at least once, 30 s, past this test's limit. A database of its own: no other file's jobs in its queues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getScoringRun } from '@probity/db';
import { runSql, type ServiceProcess } from '@probity/db/testing';
import { requestScoringRun } from '@probity/scoring';
import { trainSmallModel } from '@probity/scoring/testing';
import { scoringBook, type ScoringBook } from './scoring-book.ts';
import { startWorkerProcess, stopWorkerProcesses, waitFor } from './worker-process.ts';

const N = 300;
const BATCH = 50;
const POLL_SECONDS = 30;
let book: ScoringBook;
let worker: ServiceProcess | undefined;

beforeAll(async () => {
  book = await scoringBook('jobpickup', N, { file: await trainSmallModel() });
  worker = await startWorkerProcess(book.url, { PROBITY_QUEUE_POLL_SECONDS: String(POLL_SECONDS), PROBITY_SCORING_CONCURRENCY: '1' });
  // Its slots polled once on starting and now wait 30 s; its wake-up listener must be listening.
  await waitFor(
    async () =>
      (
        await runSql<{ n: number }>(
          book.url,
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'probity-change-listener' AND query ~* '^(LISTEN|SELECT 1)'`,
        )
      )[0]!.n > 0,
    30_000,
    "the worker's wake-up listener",
  );
}, 180_000);
afterAll(async () => {
  if (worker) await stopWorkerProcesses([worker]);
  await book?.close();
});

describe('job pickup', () => {
  it('runs a run of six batches on one slot well inside one poll interval', async () => {
    const { db, scope, t, jobs } = book;
    const started = Date.now();
    const run = (await requestScoringRun(db, scope, {
      portfolioId: t.portfolioId,
      trigger: 'manual',
      batchSize: BATCH,
      asOf: '2026-10-31',
    }))!;
    await jobs.enqueue('score-portfolio', { organizationId: t.organizationId, runId: run.id });
    const done = await waitFor(
      async () => {
        const state = await getScoringRun(db, scope, run.id);
        return state && (state.status === 'SUCCEEDED' || state.status === 'FAILED') ? state : null;
      },
      60_000,
      'the run',
    );
    const seconds = (Date.now() - started) / 1000;
    expect(done).toMatchObject({ status: 'SUCCEEDED', batchCount: N / BATCH, scoredCount: N });
    // Seven jobs one after another on one slot: each waiting for a poll would take 30 s or more at least once.
    expect(seconds).toBeLessThan(POLL_SECONDS * 0.6);
  });
});
