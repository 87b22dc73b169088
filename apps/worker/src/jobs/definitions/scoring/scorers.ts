// The worker process's scorers: one batch scorer per model version, kept for the life of the process.
import { availableParallelism } from 'node:os';
import type { Database, TenantScope } from '@probity/db';
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

/**
 * Starts loading the scorers of a run's versions (champion, and challenger if any) in this process, not
 * waiting for them: the worker that plans a run takes some of its batches, and a scorer's thread and
 * the model's code take about a second to load, which its first batch would otherwise wait for. A load
 * that fails is only logged here: the batch that needs the scorer loads it again and reports the error.
 */
export function warmScorers(
  db: Database,
  scope: TenantScope,
  versionIds: readonly (string | null)[],
  threads: number,
  onError: (versionId: string, error: unknown) => void,
): void {
  const cache = scorers(threads);
  for (const versionId of versionIds) if (versionId) cache.get(db, scope, versionId).catch((error: unknown) => onError(versionId, error));
}

/** What the run record says scored it. */
export function scoringBackend(): string {
  return `BatchScorer (@probity/ml, SIMD WebAssembly), ${availableParallelism()} CPUs`;
}
