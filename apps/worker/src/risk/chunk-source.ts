// Where the coordinator gets chunks from: computed in its own process (small portfolios), or fanned
// out as simulate-portfolio-chunks jobs that any worker picks up and stores in the database (big
// ones). Either way the chunks come back in index order and are the same bits.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadSimulationChunks, storedChunkIndices, type ChunkKey, type Database, type TenantScope } from '@probity/db';
import type { JobClient } from '@probity/jobs';
import type { ContributionThresholds, SimulationPlan } from '@probity/risk';
import { contributedChunk, simulatedChunk, type EncodedChunk, type EncodedContributionChunk } from './chunk-work.ts';

export type Variant = 'base' | 'stressed';

export interface ChunkSource {
  /** How many chunk jobs were enqueued so far. */
  readonly jobsEnqueued: number;
  simulate(indices: number[]): Promise<EncodedChunk[]>;
  contribute(thresholds: ContributionThresholds, stored: EncodedChunk[]): Promise<EncodedContributionChunk[]>;
}

export function localChunks(plan: SimulationPlan): ChunkSource {
  return {
    jobsEnqueued: 0,
    async simulate(indices) {
      const out: EncodedChunk[] = [];
      for (const i of indices) {
        out.push(simulatedChunk(plan, i));
        await yieldToLoop(); // lets progress writes and the queue's heartbeats through
      }
      return out;
    },
    async contribute(thresholds, stored) {
      const out: EncodedContributionChunk[] = [];
      for (const chunk of stored) {
        out.push(contributedChunk(plan, thresholds, chunk));
        await yieldToLoop();
      }
      return out;
    },
  };
}

export interface FanOutOptions {
  db: Database;
  scope: TenantScope;
  jobs: JobClient;
  simulationId: string;
  variant: Variant;
  /** Chunks per job. */
  chunksPerJob: number;
  /** Give up when the jobs have not delivered within this long. */
  timeoutMs: number;
  /**
   * How often the coordinator looks for its round's chunks (default 50 ms: one indexed read of a few
   * rows; a round's chunks take about 0.1 s to compute, and at 300 ms the waiting was a fifth of a
   * fanned-out run on one host).
   */
  pollMs?: number;
}

/** Contiguous ranges [from, to) of at most `size` indices. */
export function ranges(indices: number[], size: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (const i of [...indices].sort((x, y) => x - y)) {
    const last = out.at(-1);
    if (last && last.to === i && last.to - last.from < size) last.to = i + 1;
    else out.push({ from: i, to: i + 1 });
  }
  return out;
}

export function fannedOutChunks(options: FanOutOptions): ChunkSource {
  const { db, scope, jobs, simulationId, variant } = options;
  const enqueued: string[] = [];

  async function waitFor(key: ChunkKey, indices: number[]): Promise<void> {
    const deadline = Date.now() + options.timeoutMs;
    for (let poll = 0; ; poll++) {
      const stored = await storedChunkIndices(db, scope, key, indices);
      if (stored.length === indices.length) return;
      if (poll % 10 === 9) {
        for (const id of enqueued) {
          const state = await jobs.get('simulate-portfolio-chunks', id);
          if (state?.state === 'failed') throw new Error(`chunk job ${id} failed: ${JSON.stringify(state.output)}`);
        }
      }
      if (Date.now() > deadline)
        throw new Error(`chunk jobs did not deliver ${indices.length - stored.length} ${key.phase} chunks in time`);
      await sleep(options.pollMs ?? 50);
    }
  }

  async function dispatch(key: ChunkKey, indices: number[], thresholds?: ContributionThresholds): Promise<void> {
    const have = new Set(await storedChunkIndices(db, scope, key, indices));
    for (const range of ranges(
      indices.filter((i) => !have.has(i)),
      options.chunksPerJob,
    )) {
      const id = await jobs.enqueue('simulate-portfolio-chunks', {
        organizationId: scope.organizationId,
        simulationId,
        variant,
        phase: key.phase,
        ...range,
        ...(thresholds ? { thresholds } : {}),
      });
      if (id) enqueued.push(id);
    }
    await waitFor(key, indices);
  }

  return {
    get jobsEnqueued() {
      return enqueued.length;
    },
    async simulate(indices) {
      const key: ChunkKey = { simulationId, variant, phase: 'simulate' };
      await dispatch(key, indices);
      return loadSimulationChunks<EncodedChunk>(db, scope, key, indices);
    },
    async contribute(thresholds, stored) {
      const key: ChunkKey = { simulationId, variant, phase: 'contributions' };
      const indices = stored.map((chunk) => chunk.chunkIndex);
      await dispatch(key, indices, thresholds);
      return loadSimulationChunks<EncodedContributionChunk>(db, scope, key, indices);
    },
  };
}
