// Every job contract, listed once. Adding a job: a contract file under src/definitions/<area>/, one
// line here, then its handler in the worker (apps/worker/src/jobs), which fails to typecheck until
// every contract listed here has one.
import type { z } from 'zod';
import { snapshotPortfolios } from './definitions/portfolio/snapshot-portfolios.ts';
import { trainModel } from './definitions/models/train-model.ts';
import { scorePortfolio } from './definitions/scoring/score-portfolio.ts';
import { scoreBatch } from './definitions/scoring/score-batch.ts';
import { scheduleScoring } from './definitions/scoring/schedule-scoring.ts';
import { simulatePortfolio } from './definitions/risk/simulate-portfolio.ts';
import { simulatePortfolioChunks } from './definitions/risk/simulate-portfolio-chunks.ts';
import { purgeSignInRecords } from './definitions/identity/purge-sign-in-records.ts';

export const JOBS = [
  snapshotPortfolios,
  trainModel,
  scorePortfolio,
  scoreBatch,
  scheduleScoring,
  simulatePortfolio,
  simulatePortfolioChunks,
  purgeSignInRecords,
] as const;

export type AnyJob = (typeof JOBS)[number];
export type JobId = AnyJob['id'];
export type JobContractOf<Id extends JobId> = Extract<AnyJob, { id: Id }>;
/** What a sender passes (the schema's input). */
export type JobPayload<Id extends JobId> = z.input<JobContractOf<Id>['payload']>;
/** What a handler receives (the schema's output). */
export type JobData<Id extends JobId> = z.output<JobContractOf<Id>['payload']>;

const byId = new Map<string, AnyJob>(JOBS.map((job) => [job.id, job]));

export function jobContract<Id extends JobId>(id: Id): JobContractOf<Id> {
  const contract = byId.get(id);
  if (!contract) throw new Error(`Unknown job "${id}"; known: ${[...byId.keys()].join(', ')}`);
  return contract as JobContractOf<Id>;
}

export function isJobId(id: string): id is JobId {
  return byId.has(id);
}
