/**
 * Euler contributions to expected shortfall per obligor: C_i = E[L_i | tail] in the Acerbi-Tasche
 * sense, estimated as (sum_{L_j > VaR} w_j L_ij + theta sum_{L_j = VaR} w_j L_ij) / (N (1 - alpha)),
 * which adds up over obligors to the ES estimate of the same sample.
 *
 * Keeping every obligor's loss for every scenario would cost scenarios x obligors memory, so this is
 * a second pass: once VaR is known, each chunk re-simulates only its scenarios at or above the
 * smallest VaR (the random streams make them identical, which is checked bit for bit) and adds up
 * per-obligor tail losses. Chunks of this pass merge exactly like the first (summed in chunk order).
 */
import type { ChunkResult } from './chunk.ts';
import { workspaceFor } from './chunk.ts';
import type { RiskEstimates } from './estimators.ts';
import type { MergedSample } from './merge.ts';
import type { SimulationPlan } from './plan.ts';
import { createDefaultRecord } from './scenario.ts';

export interface ContributionThresholds {
  fingerprint: string;
  scenarios: number;
  levels: { level: number; valueAtRisk: number; atomShare: number; expectedShortfall: number }[];
}

export function contributionThresholds(risk: RiskEstimates): ContributionThresholds {
  return {
    fingerprint: risk.fingerprint,
    scenarios: risk.scenarios,
    levels: risk.levels.map((level) => ({
      level: level.level,
      valueAtRisk: level.valueAtRisk.value,
      atomShare: level.atomShare,
      expectedShortfall: level.expectedShortfall.value,
    })),
  };
}

export interface ContributionChunk {
  fingerprint: string;
  chunkIndex: number;
  /** Scenarios re-simulated. */
  resimulated: number;
  /** levels x obligors (compiled obligor order): sum of share x w x L_i over tail scenarios. */
  sums: Float64Array;
  /** Same with squares, for standard errors. */
  squares: Float64Array;
}

/** Losses of chunk `chunkIndex` from the merged sample (what contributionChunk needs). */
export function chunkLosses(plan: SimulationPlan, sample: MergedSample, chunkIndex: number): Float64Array {
  return sample.losses.slice(chunkIndex * plan.chunkSize, (chunkIndex + 1) * plan.chunkSize);
}

export function contributionChunk(
  plan: SimulationPlan,
  thresholds: ContributionThresholds,
  chunkIndex: number,
  losses: Float64Array | ChunkResult,
): ContributionChunk {
  if (thresholds.fingerprint !== plan.fingerprint) throw new Error('the thresholds belong to another plan');
  const stored = losses instanceof Float64Array ? losses : losses.losses;
  const obligors = plan.obligorIds.length;
  const levels = thresholds.levels;
  const sums = new Float64Array(levels.length * obligors);
  const squares = new Float64Array(levels.length * obligors);
  const lowest = Math.min(...levels.map((level) => level.valueAtRisk));
  const workspace = workspaceFor(plan);
  const record = createDefaultRecord(256);
  let resimulated = 0;
  const first = chunkIndex * plan.chunkSize;
  for (let j = 0; j < stored.length; j++) {
    if (!(stored[j]! >= lowest)) continue;
    workspace.run(first + j, record);
    resimulated++;
    if (workspace.loss !== stored[j]) {
      throw new Error(
        `scenario ${first + j} did not reproduce (loss ${workspace.loss} vs ${stored[j]}): plan or code changed between passes`,
      );
    }
    const loss = workspace.loss;
    const w = workspace.weight;
    levels.forEach((level, l) => {
      if (loss < level.valueAtRisk) return;
      const share = loss > level.valueAtRisk ? 1 : level.atomShare;
      const offset = l * obligors;
      for (let d = 0; d < record.count; d++) {
        const obligor = plan.order[record.position[d]!]!;
        const x = share * w * record.loss[d]!;
        sums[offset + obligor]! += x;
        squares[offset + obligor]! += x * x;
      }
    });
  }
  return { fingerprint: plan.fingerprint, chunkIndex, resimulated, sums, squares };
}

export interface ObligorContributions {
  level: number;
  expectedShortfall: number;
  /** Per obligor (plan.obligorIds order). They add up to expectedShortfall. */
  contribution: Float64Array;
  standardError: Float64Array;
}

export function mergeContributions(
  plan: SimulationPlan,
  thresholds: ContributionThresholds,
  parts: readonly ContributionChunk[],
): ObligorContributions[] {
  const sorted = [...parts].sort((x, y) => x.chunkIndex - y.chunkIndex);
  const obligors = plan.obligorIds.length;
  const n = thresholds.scenarios;
  const chunks = n / plan.chunkSize;
  sorted.forEach((part, i) => {
    if (part.fingerprint !== plan.fingerprint) throw new Error(`contribution chunk ${part.chunkIndex} belongs to another plan`);
    if (part.chunkIndex !== i)
      throw new Error(part.chunkIndex < i ? `contribution chunk ${part.chunkIndex} appears twice` : `contribution chunk ${i} is missing`);
  });
  if (sorted.length !== chunks) throw new Error(`expected ${chunks} contribution chunks, got ${sorted.length}`);
  return thresholds.levels.map((level, l) => {
    const tailMass = 1 - level.level;
    const contribution = new Float64Array(obligors);
    const squares = new Float64Array(obligors);
    for (const part of sorted) {
      for (let i = 0; i < obligors; i++) {
        contribution[i]! += part.sums[l * obligors + i]!;
        squares[i]! += part.squares[l * obligors + i]!;
      }
    }
    const standardError = new Float64Array(obligors);
    for (let i = 0; i < obligors; i++) {
      const mean = contribution[i]! / n;
      standardError[i] = Math.sqrt(Math.max(0, squares[i]! / n - mean * mean) / n) / tailMass;
      contribution[i] = mean / tailMass;
    }
    return { level: level.level, expectedShortfall: level.expectedShortfall, contribution, standardError };
  });
}
