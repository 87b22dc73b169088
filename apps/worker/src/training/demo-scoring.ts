// The demo's first scoring, right after a champion is promoted: the champion's model is linked to the
// demo portfolio it was trained for (retail cards, corporate book) and a first run is queued, so both
// portfolios show PDs and grades minutes after `npm start` instead of at the nightly schedule.
import type { TenantScope, Database } from '@probity/db';
import type { JobClient } from '@probity/jobs';
import type { Logger } from '@probity/logging';
import { linkModel, requestScoringRun } from '@probity/scoring';

export interface DemoScoringTarget {
  modelId: string;
  modelName: string;
  portfolioId: string;
  portfolioName: string;
}

/** Links the model to the portfolio and queues its first run; returns the run id. */
export async function scoreDemoPortfolio(
  db: Database,
  jobs: JobClient,
  log: Logger,
  scope: TenantScope,
  target: DemoScoringTarget,
): Promise<string> {
  await linkModel(db, scope, { portfolioId: target.portfolioId, modelId: target.modelId });
  const run = await requestScoringRun(db, scope, { portfolioId: target.portfolioId, trigger: 'initial' });
  if (!run) throw new Error('an initial run has no schedule slot, so it is always created');
  await jobs.enqueue('score-portfolio', { organizationId: scope.organizationId, runId: run.id });
  log.info(
    { model: target.modelName, portfolio: target.portfolioName, runId: run.id },
    'demo: champion linked to its portfolio; first scoring run queued (PDs and grades in a minute or two)',
  );
  return run.id;
}
