// One simulation (base or stressed) driven to the target error: chunks in rounds from a ChunkSource,
// fed in index order to @probity/risk's StoppingRule (so where it stops does not depend on who
// computed the chunks), then the contribution pass over the accepted chunks, then the result.
import {
  assembleResult,
  contributionThresholds,
  decodeChunk,
  decodeContributionChunk,
  estimateRisk,
  mergeChunks,
  mergeContributions,
  parseRunOptions,
  StoppingRule,
  type SimulationPlan,
  type SimulationResult,
} from '@probity/risk';
import type { SimulationParameters } from '@probity/db';
import type { EncodedChunk } from './chunk-work.ts';
import type { ChunkSource } from './chunk-source.ts';

export interface VariantProgress {
  phase: 'simulate' | 'contributions';
  chunksDone: number;
  scenarios: number;
  worstRelativeError: number | null;
}

export const HISTOGRAM_BINS = 60;

export async function runVariant(
  plan: SimulationPlan,
  parameters: SimulationParameters,
  source: ChunkSource,
  options: { chunksPerRound: number; onProgress: (progress: VariantProgress) => Promise<void> },
): Promise<SimulationResult> {
  const resolved = parseRunOptions({
    targetRelativeError: parameters.targetRelativeError,
    maxScenarios: parameters.maxScenarios,
    contributions: true,
  });
  const rule = new StoppingRule(plan, resolved);
  const accepted: EncodedChunk[] = [];
  let next = 0;
  let stop = false;
  while (!stop) {
    const round = Array.from({ length: Math.min(options.chunksPerRound, rule.maxChunks - next) }, (_, k) => next + k);
    next += round.length;
    for (const encoded of await source.simulate(round)) {
      accepted.push(encoded);
      if (rule.add(decodeChunk(encoded))) {
        stop = true;
        break;
      }
    }
    await options.onProgress({
      phase: 'simulate',
      chunksDone: accepted.length,
      scenarios: accepted.length * plan.chunkSize,
      worstRelativeError: Number.isFinite(rule.worst) ? rule.worst : null,
    });
  }
  const sample = mergeChunks(plan, rule.accepted);
  const risk = estimateRisk(plan, sample, { histogram: { bins: HISTOGRAM_BINS } });
  const thresholds = contributionThresholds(risk);
  await options.onProgress({
    phase: 'contributions',
    chunksDone: accepted.length,
    scenarios: sample.scenarios,
    worstRelativeError: rule.worst,
  });
  const parts = (await source.contribute(thresholds, accepted)).map(decodeContributionChunk);
  const contributions = mergeContributions(plan, thresholds, parts);
  return assembleResult(plan, risk, contributions, {
    chunks: sample.chunks,
    converged: rule.converged,
    targetRelativeError: resolved.targetRelativeError,
  });
}
