// One chunk of either pass, computed and encoded for storage: used by the chunk jobs and by the
// coordinator alike, so a chunk is the same bits whichever process made it.
import {
  contributionChunk,
  decodeChunk,
  encodeChunk,
  encodeContributionChunk,
  simulateChunk,
  type ContributionThresholds,
  type SimulationPlan,
} from '@probity/risk';

export type EncodedChunk = ReturnType<typeof encodeChunk>;
export type EncodedContributionChunk = ReturnType<typeof encodeContributionChunk>;

export function simulatedChunk(plan: SimulationPlan, chunkIndex: number): EncodedChunk {
  return encodeChunk(simulateChunk(plan, chunkIndex));
}

/** The contribution pass of one chunk, re-simulating only its tail scenarios (from the stored losses). */
export function contributedChunk(plan: SimulationPlan, thresholds: ContributionThresholds, stored: EncodedChunk): EncodedContributionChunk {
  const chunk = decodeChunk(stored);
  return encodeContributionChunk(contributionChunk(plan, thresholds, chunk.chunkIndex, chunk.losses));
}
