// schedule-scoring: every minute, the portfolios whose cron had a slot in the last minutes get their
// run (one per slot: the (portfolio, slot) key), and its score-portfolio job. A portfolio never scored
// gets its first run as soon as it can be (its model has a champion and its data the columns), with the
// link's creation as the slot: a newly linked portfolio shows PDs within a minute, not the next night.
// It also fails the runs whose batch jobs ran out of attempts without a handler to say so (lost-batches.ts).
import { allPortfolioModels, unmonitoredScoringRuns } from '@probity/db';
import { jobContract } from '@probity/jobs';
import { dueSlot, monitorScoringRun, requestScoringRun } from '@probity/scoring';
import { defineWorkerJob } from '../../define.ts';
import { failRunsOfLostBatches } from './lost-batches.ts';

export const scheduleScoring = defineWorkerJob({
  contract: jobContract('schedule-scoring'),
  schedule: () => ({ cron: '* * * * *', payload: {} }),
  async run(_data, { db, jobs, log }) {
    const now = new Date();
    let started = 0;
    for (const link of await allPortfolioModels(db)) {
      const slot = link.hasRun ? dueSlot(link.cron, link.timeZone, now) : link.createdAt;
      if (!slot) continue;
      const scope = { organizationId: link.organizationId, actor: { kind: 'system', name: 'schedule-scoring' } } as const;
      try {
        const trigger = link.hasRun ? 'schedule' : 'initial';
        const run = await requestScoringRun(db, scope, { portfolioId: link.portfolioId, trigger, slot });
        if (!run) continue; // another scheduler made this slot's run
        await jobs.enqueue('score-portfolio', { organizationId: link.organizationId, runId: run.id });
        started += 1;
      } catch (error) {
        // One portfolio that cannot be scored (no champion, missing columns) must not stop the others.
        // (A first run waiting for its champion is tried again every minute: quietly.)
        log[link.hasRun ? 'warn' : 'debug']({ err: error, portfolioId: link.portfolioId }, 'scheduled scoring run refused');
      }
    }
    // Runs left without monitoring (finished before it existed, or by a job that gave up after the last
    // batch) get it here; storing is once only, so several schedulers at once are harmless.
    let monitored = 0;
    for (const organizationId of new Set((await allPortfolioModels(db)).map((l) => l.organizationId))) {
      const scope = { organizationId, actor: { kind: 'system', name: 'schedule-scoring' } } as const;
      try {
        for (const runId of await unmonitoredScoringRuns(db, scope)) if (await monitorScoringRun(db, scope, runId)) monitored += 1;
      } catch (error) {
        log.warn({ err: error, organizationId }, 'scoring run monitoring failed');
      }
    }
    let lost = 0;
    try {
      lost = await failRunsOfLostBatches(db, jobs, log, now);
    } catch (error) {
      log.warn({ err: error }, 'looking for lost scoring batches failed');
    }
    return { started, monitored, lost };
  },
});
