/**
 * Merging chunks: they are put in chunk order and concatenated, so the merged sample is the same
 * whatever order the chunks arrived in and however many workers made them. Chunks must be
 * 0 .. K-1 exactly (a missing or repeated chunk is an error) and come from the same plan.
 */
import type { ChunkResult } from './chunk.ts';
import type { SimulationPlan } from './plan.ts';

export interface MergedSample {
  fingerprint: string;
  chunks: number;
  scenarios: number;
  losses: Float64Array;
  weights: Float64Array;
  sectorLosses: Float64Array;
}

export function mergeChunks(plan: SimulationPlan, chunks: readonly ChunkResult[]): MergedSample {
  const sorted = [...chunks].sort((x, y) => x.chunkIndex - y.chunkIndex);
  const sectors = plan.sectors.length;
  sorted.forEach((chunk, i) => {
    if (chunk.fingerprint !== plan.fingerprint)
      throw new Error(`chunk ${chunk.chunkIndex} belongs to another plan (${chunk.fingerprint}, expected ${plan.fingerprint})`);
    if (chunk.chunkIndex !== i) throw new Error(chunk.chunkIndex < i ? `chunk ${chunk.chunkIndex} appears twice` : `chunk ${i} is missing`);
    if (
      chunk.losses.length !== plan.chunkSize ||
      chunk.weights.length !== plan.chunkSize ||
      chunk.sectorLosses.length !== plan.chunkSize * sectors
    ) {
      throw new Error(`chunk ${chunk.chunkIndex} has the wrong size`);
    }
  });
  const scenarios = sorted.length * plan.chunkSize;
  const losses = new Float64Array(scenarios);
  const weights = new Float64Array(scenarios);
  const sectorLosses = new Float64Array(scenarios * sectors);
  sorted.forEach((chunk, i) => {
    losses.set(chunk.losses, i * plan.chunkSize);
    weights.set(chunk.weights, i * plan.chunkSize);
    sectorLosses.set(chunk.sectorLosses, i * plan.chunkSize * sectors);
  });
  return { fingerprint: plan.fingerprint, chunks: sorted.length, scenarios, losses, weights, sectorLosses };
}
