// The worker process's scorers: one batch scorer per model version, kept for the life of the process.
import { availableParallelism } from 'node:os';
import { versionsToScore, type Database, type TenantScope, type VersionToScore } from '@probity/db';
import type { Logger } from '@probity/logging';
import { rehearseBatch, ScorerCache } from '@probity/scoring';

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

/** Exposures a start-up rehearsal scores per version: one batch's worth, enough for the hot loops' code to be compiled. */
const REHEARSAL_ROWS = 10_000;

/**
 * At start, before the worker takes jobs: the scorers of the versions the next runs will score (at most
 * `limit`, see @probity/db versionsToScore), one after another, each then rehearsing a batch of its
 * portfolio's latest run (read, scored, explained and made into score rows, nothing written; see
 * @probity/scoring rehearseBatch). A worker's first run after a start then finds its scorer's threads
 * up and the batch's code compiled, as its next run does, instead of starting the threads and running
 * that code for the first time beside its first batches (about 1.5 CPU-s for the logistic's one
 * thread, the module loader's thread included, and as much again of code run cold, on two cores). A
 * version that fails to load is logged and left to its first batch; a rehearsal that fails, logged.
 */
export async function warmScorersOnStart(
  db: Database,
  threads: number,
  limit: number,
  log: Logger,
): Promise<{ versionId: string; rehearsed: number }[]> {
  let versions: VersionToScore[];
  try {
    versions = await versionsToScore(db, limit);
  } catch (error) {
    log.warn({ err: error }, 'listing the scorers to load at start failed');
    return [];
  }
  const cache = scorers(threads);
  const loaded: { versionId: string; rehearsed: number }[] = [];
  for (const { organizationId, versionId, latestRunId } of versions) {
    const scope = { organizationId, actor: { kind: 'system', name: 'worker-start' } } as const;
    try {
      await cache.get(db, scope, versionId);
    } catch (error) {
      log.warn({ versionId, err: error }, 'loading a scorer at start failed');
      continue;
    }
    let rehearsed = 0;
    if (latestRunId !== null)
      rehearsed = await rehearseBatch(db, scope, cache, { runId: latestRunId, versionId, rows: REHEARSAL_ROWS }).catch((error: unknown) => {
        log.warn({ versionId, err: error }, 'rehearsing a batch at start failed');
        return 0;
      });
    loaded.push({ versionId, rehearsed });
  }
  return loaded;
}

/** What the run record says scored it. */
export function scoringBackend(): string {
  return `BatchScorer (@probity/ml, SIMD WebAssembly), ${availableParallelism()} CPUs`;
}
