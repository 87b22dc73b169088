// The worker process's scorers: one batch scorer per model version, kept for the life of the process.
import { availableParallelism } from 'node:os';
import { ScorerCache } from '@probity/scoring';

let cache: ScorerCache | null = null;

/**
 * The process's scorer cache, its scorers with `threads` worker threads each (PROBITY_SCORER_THREADS):
 * the trees' TreeSHAP and a deep part's passes share them across the process's batches in flight. On two
 * cores, a million Taiwan exposures with the trees champion re-scored in 36.6 s on two threads against
 * 50.4 s on one (packages/scoring bench, --threads). The first call's count holds for the process.
 */
export function scorers(threads: number): ScorerCache {
  cache ??= new ScorerCache({ threads });
  return cache;
}

/** What the run record says scored it. */
export function scoringBackend(): string {
  return `BatchScorer (@probity/ml, SIMD WebAssembly), ${availableParallelism()} CPUs`;
}
