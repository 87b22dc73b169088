// The worker process's scorers: one BatchScorer per model version, kept for the life of the process.
import { availableParallelism } from 'node:os';
import { ScorerCache } from '@probity/scoring';

// One thread each: a worker runs several batches at once (PROBITY_SCORING_CONCURRENCY) and there may be
// several workers on the machine; the deep part of a model would use it, the logistic part needs none.
export const scorers = new ScorerCache({ threads: 1 });

/** What the run record says scored it. */
export function scoringBackend(): string {
  return `BatchScorer (@probity/ml, SIMD WebAssembly), ${availableParallelism()} CPUs`;
}
