// score-batch: one batch of a run, in one transaction (packages/scoring scoreBatch). Any number of
// workers share a run's batches; a batch already done (a duplicate or expired job) is skipped. A batch
// that fails on its last attempt fails the run, with the reason: the run must not stay RUNNING forever.
import { compactRunScores, failScoringRun } from '@probity/db';
import { jobContract } from '@probity/jobs';
import { monitorScoringRun, scoreBatch } from '@probity/scoring';
import { defineWorkerJob } from '../../define.ts';
import { scorers } from './scorers.ts';

export const scoreBatchJob = defineWorkerJob({
  contract: jobContract('score-batch'),
  concurrency: (env) => env.PROBITY_SCORING_CONCURRENCY,
  async run({ organizationId, runId, batchNo }, { db, env, log, finalAttempt }) {
    const scope = { organizationId, actor: { kind: 'system', name: 'score-batch' } } as const;
    try {
      const outcome = await scoreBatch(db, scope, runId, batchNo, scorers(env.PROBITY_SCORER_THREADS));
      log.info({ runId, batchNo, skipped: outcome.skipped, scored: outcome.scored, runStatus: outcome.run.status }, 'scoring batch done');
      // The job that finished the run computes its monitoring; a retry after a crash here finds the batch
      // done and the run succeeded, and does it then (storing is once only).
      if (outcome.run.status === 'SUCCEEDED') {
        const monitoring = await monitorScoringRun(db, scope, runId);
        if (monitoring) log.info({ runId, psi: monitoring.psi?.value ?? null }, 'scoring run monitored');
        // Then the portfolio's older runs' partitions folded once enough have piled up (see @probity/db
        // compactRunScores). Housekeeping: a failure is logged, never the batch's, and the next run retries.
        try {
          const folded = await compactRunScores(db, scope, outcome.run.portfolioId);
          if (folded > 0) log.info({ runId, folded }, 'scoring runs folded into one partition');
        } catch (error) {
          log.warn({ runId, err: error }, 'folding older scoring runs failed');
        }
      }
      return { runId, batchNo, skipped: outcome.skipped, scored: outcome.scored };
    } catch (error) {
      if (finalAttempt) {
        const reason = error instanceof Error ? error.message : String(error);
        await failScoringRun(db, scope, runId, `batch ${batchNo} failed on its last attempt: ${reason}`);
        log.error({ runId, batchNo, err: error }, 'scoring run failed');
      }
      throw error;
    }
  },
});
