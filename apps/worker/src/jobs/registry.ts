// Every job this worker runs, listed once. Adding a job: its contract in @probity/jobs, its handler
// under definitions/<area>/<job>.ts, one line here. Typecheck fails while a contract has no handler.
import type { JobId } from '@probity/jobs';
import type { WorkerJob } from './define.ts';
import { snapshotPortfolios } from './definitions/portfolio/snapshot-portfolios.ts';
import { trainModel } from './definitions/models/train-model.ts';
import { scorePortfolio } from './definitions/scoring/score-portfolio.ts';
import { scoreBatchJob } from './definitions/scoring/score-batch.ts';
import { scheduleScoring } from './definitions/scoring/schedule-scoring.ts';
import { simulatePortfolio } from './definitions/risk/simulate-portfolio.ts';
import { simulatePortfolioChunks } from './definitions/risk/simulate-portfolio-chunks.ts';
import { purgeSignInRecords } from './definitions/identity/purge-sign-in-records.ts';

export const WORKER_JOBS = [
  snapshotPortfolios,
  trainModel,
  scorePortfolio,
  scoreBatchJob,
  scheduleScoring,
  simulatePortfolio,
  simulatePortfolioChunks,
  purgeSignInRecords,
] as const;

type Handled = (typeof WORKER_JOBS)[number]['contract']['id'];
const everyContractHandled: [JobId] extends [Handled] ? true : { missingHandlerFor: Exclude<JobId, Handled> } = true;
void everyContractHandled;

/** The registry without the per-job payload types, for code that treats every job alike. */
export const workerJobs = WORKER_JOBS as readonly WorkerJob<JobId>[];
