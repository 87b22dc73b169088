// schedule-scoring: every minute, the portfolios whose cron had a slot in the last minutes get their
// run (one per slot: the (portfolio, slot) key), and its score-portfolio job.
import { allPortfolioModels } from '@probity/db';
import { jobContract } from '@probity/jobs';
import { dueSlot, requestScoringRun } from '@probity/scoring';
import { defineWorkerJob } from '../../define.ts';

export const scheduleScoring = defineWorkerJob({
  contract: jobContract('schedule-scoring'),
  schedule: () => ({ cron: '* * * * *', payload: {} }),
  async run(_data, { db, jobs, log }) {
    const now = new Date();
    let started = 0;
    for (const link of await allPortfolioModels(db)) {
      const slot = dueSlot(link.cron, link.timeZone, now);
      if (!slot) continue;
      const scope = { organizationId: link.organizationId, actor: { kind: 'system', name: 'schedule-scoring' } } as const;
      try {
        const run = await requestScoringRun(db, scope, { portfolioId: link.portfolioId, trigger: 'schedule', slot });
        if (!run) continue; // another scheduler made this slot's run
        await jobs.enqueue('score-portfolio', { organizationId: link.organizationId, runId: run.id });
        started += 1;
      } catch (error) {
        // One portfolio that cannot be scored (no champion, missing columns) must not stop the others.
        log.warn({ err: error, portfolioId: link.portfolioId }, 'scheduled scoring run refused');
      }
    }
    return { started };
  },
});
