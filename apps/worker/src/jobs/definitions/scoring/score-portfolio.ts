// score-portfolio: plans the run (once) and queues a score-batch job per batch not done yet. A retry,
// or a second request for the same run, re-queues only the unfinished batches: that is how a run
// resumes after a crash. Planning that fails on its last attempt fails the run, with the reason.
import { failScoringRun, planScoringRun } from '@probity/db';
import { jobContract } from '@probity/jobs';
import { monitorScoringRun } from '@probity/scoring';
import { defineWorkerJob } from '../../define.ts';
import { scoringBackend, warmScorers } from './scorers.ts';

export const scorePortfolio = defineWorkerJob({
  contract: jobContract('score-portfolio'),
  async run({ organizationId, runId }, { db, jobs, log, env, finalAttempt }) {
    const scope = { organizationId, actor: { kind: 'system', name: 'score-portfolio' } } as const;
    const { run, pending } = await planScoringRun(db, scope, runId, scoringBackend()).catch(async (error: unknown) => {
      if (finalAttempt)
        await failScoringRun(
          db,
          scope,
          runId,
          `planning failed on its last attempt: ${error instanceof Error ? error.message : String(error)}`,
        );
      throw error;
    });
    if (pending.length > 0)
      warmScorers(db, scope, [run.modelVersionId, run.challengerVersionId], env.PROBITY_SCORER_THREADS, (versionId, err) =>
        log.warn({ runId, versionId, err }, 'loading a scorer ahead of the batches failed'),
      );
    for (const batchNo of pending) {
      await jobs.enqueue(
        'score-batch',
        { organizationId, runId, batchNo },
        env.PROBITY_SCORING_BATCH_EXPIRY_SECONDS ? { expireInSeconds: env.PROBITY_SCORING_BATCH_EXPIRY_SECONDS } : {},
      );
    }
    // A run with nothing to score succeeds at planning; one found succeeded by a retry may lack monitoring.
    if (run.status === 'SUCCEEDED') await monitorScoringRun(db, scope, runId);
    log.info({ runId, batches: run.batchCount, queued: pending.length, exposures: run.exposureCount }, 'scoring run planned');
    return { runId, batches: run.batchCount, queued: pending.length };
  },
});
