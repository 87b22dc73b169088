// score-portfolio: plans the run (once) and queues a score-batch job per batch not done yet. A retry,
// or a second request for the same run, re-queues only the unfinished batches: that is how a run
// resumes after a crash. Planning that fails on its last attempt fails the run, with the reason.
import { failScoringRun, getScoringRun, planScoringRun } from '@probity/db';
import { jobContract } from '@probity/jobs';
import { monitorScoringRun } from '@probity/scoring';
import { defineWorkerJob } from '../../define.ts';
import { scoringBackend, warmScorers } from './scorers.ts';

export const scorePortfolio = defineWorkerJob({
  contract: jobContract('score-portfolio'),
  async run({ organizationId, runId }, { db, jobs, log, env, finalAttempt }) {
    const scope = { organizationId, actor: { kind: 'system', name: 'score-portfolio' } } as const;
    // The scorers start loading (a thread and the model's code: a second or more) while the run is
    // planned, not after: this worker takes some of the batches, and its first one waits for them.
    const requested = await getScoringRun(db, scope, runId);
    if (requested && (requested.status === 'QUEUED' || requested.status === 'RUNNING'))
      warmScorers(db, scope, [requested.modelVersionId, requested.challengerVersionId], env.PROBITY_SCORER_THREADS, (versionId, err) =>
        log.warn({ runId, versionId, err }, 'loading a scorer ahead of the batches failed'),
      );
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
    // Every batch's job in one statement (a hundred sent one by one took about a second of round trips).
    await jobs.enqueueMany(
      'score-batch',
      pending.map((batchNo) => ({ organizationId, runId, batchNo })),
      env.PROBITY_SCORING_BATCH_EXPIRY_SECONDS ? { expireInSeconds: env.PROBITY_SCORING_BATCH_EXPIRY_SECONDS } : {},
    );
    // A run with nothing to score succeeds at planning; one found succeeded by a retry may lack monitoring.
    if (run.status === 'SUCCEEDED') await monitorScoringRun(db, scope, runId);
    log.info({ runId, batches: run.batchCount, queued: pending.length, exposures: run.exposureCount }, 'scoring run planned');
    return { runId, batches: run.batchCount, queued: pending.length };
  },
});
