/**
 * In-process simulation: chunks one after another until the stopping rule says enough, then the
 * contribution pass. The parallel runner (src/parallel) does the same with worker threads and gets
 * the same result for the same plan and options.
 */
import type { ChunkResult } from './chunk.ts';
import { simulateChunk } from './chunk.ts';
import { chunkLosses, contributionChunk, contributionThresholds, mergeContributions } from './contributions.ts';
import { estimateRisk } from './estimators.ts';
import { mergeChunks } from './merge.ts';
import type { SimulationPlan } from './plan.ts';
import { assembleResult, type SimulationResult } from './result.ts';
import { parseRunOptions, StoppingRule, type RunOptions } from './stopping.ts';

export function runSimulation(plan: SimulationPlan, options: RunOptions = {}): SimulationResult {
  const resolved = parseRunOptions(options);
  const rule = new StoppingRule(plan, resolved);
  for (let chunkIndex = 0; ; chunkIndex++) {
    const chunk: ChunkResult = simulateChunk(plan, chunkIndex);
    const stop = rule.add(chunk);
    options.onProgress?.({
      phase: 'simulate',
      chunks: chunkIndex + 1,
      scenarios: (chunkIndex + 1) * plan.chunkSize,
      worstRelativeError: rule.worst,
    });
    if (stop) break;
  }
  const sample = mergeChunks(plan, rule.accepted);
  const risk = estimateRisk(plan, sample, { histogram: options.histogram === undefined ? {} : options.histogram });
  let contributions = null;
  if (resolved.contributions) {
    const thresholds = contributionThresholds(risk);
    const parts = [];
    for (let chunkIndex = 0; chunkIndex < sample.chunks; chunkIndex++) {
      parts.push(contributionChunk(plan, thresholds, chunkIndex, chunkLosses(plan, sample, chunkIndex)));
      options.onProgress?.({ phase: 'contributions', chunks: chunkIndex + 1, scenarios: sample.scenarios, worstRelativeError: rule.worst });
    }
    contributions = mergeContributions(plan, thresholds, parts);
  }
  return assembleResult(plan, risk, contributions, {
    chunks: sample.chunks,
    converged: rule.converged,
    targetRelativeError: resolved.fixedScenarios === undefined ? resolved.targetRelativeError : null,
  });
}
