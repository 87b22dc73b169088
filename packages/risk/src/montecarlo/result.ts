/** The result a simulation hands back: estimates, contributions per sector and obligor, and lineage. */
import type { ObligorContributions } from './contributions.ts';
import type { Estimate, LevelEstimate, RiskEstimates } from './estimators.ts';
import type { LossHistogram } from './histogram.ts';
import type { SimulationPlan } from './plan.ts';

export interface SimulationLevelResult extends LevelEstimate {
  /** Per obligor, aligned with SimulationResult.obligorIds; null when contributions were skipped. */
  contributionsByObligor: { contribution: Float64Array; standardError: Float64Array } | null;
}

export interface SimulationResult {
  fingerprint: string;
  seed: number;
  chunkSize: number;
  chunks: number;
  scenarios: number;
  /** Whether the target relative error was met (always true for a fixed scenario count). */
  converged: boolean;
  targetRelativeError: number | null;
  effectiveSampleSize: number;
  expectedLoss: Estimate;
  expectedLossClosedForm: number;
  unexpectedLoss: Estimate;
  levels: SimulationLevelResult[];
  histogram: LossHistogram | null;
  sectors: string[];
  obligorIds: string[];
  /** Importance sampling shifts of the factor mean (standard-normal units) and their weights. */
  importanceSampling: { weight: number; shift: number[] }[];
}

export function assembleResult(
  plan: SimulationPlan,
  risk: RiskEstimates,
  contributions: ObligorContributions[] | null,
  meta: { chunks: number; converged: boolean; targetRelativeError: number | null },
): SimulationResult {
  return {
    fingerprint: plan.fingerprint,
    seed: plan.seed,
    chunkSize: plan.chunkSize,
    chunks: meta.chunks,
    scenarios: risk.scenarios,
    converged: meta.converged,
    targetRelativeError: meta.targetRelativeError,
    effectiveSampleSize: risk.effectiveSampleSize,
    expectedLoss: risk.expectedLoss,
    expectedLossClosedForm: risk.expectedLossClosedForm,
    unexpectedLoss: risk.unexpectedLoss,
    levels: risk.levels.map((level, l) => ({
      ...level,
      contributionsByObligor: contributions
        ? { contribution: contributions[l]!.contribution, standardError: contributions[l]!.standardError }
        : null,
    })),
    histogram: risk.histogram,
    sectors: plan.sectors,
    obligorIds: plan.obligorIds,
    importanceSampling: plan.components.map((component) => ({ weight: component.weight, shift: Array.from(component.shift) })),
  };
}

/** The n largest ES contributors at a level, largest first. */
export function topContributors(
  result: SimulationResult,
  level: number,
  n = 20,
): { id: string; contribution: number; standardError: number; share: number }[] {
  const entry = result.levels.find((candidate) => candidate.level === level);
  if (!entry?.contributionsByObligor) return [];
  const { contribution, standardError } = entry.contributionsByObligor;
  const es = entry.expectedShortfall.value;
  return Array.from(contribution.keys())
    .sort((x, y) => contribution[y]! - contribution[x]! || x - y)
    .slice(0, n)
    .map((i) => ({
      id: result.obligorIds[i]!,
      contribution: contribution[i]!,
      standardError: standardError[i]!,
      share: es > 0 ? contribution[i]! / es : 0,
    }));
}
