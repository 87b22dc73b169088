/** Small helpers shared by the benchmark scripts. */
import type { SimulationResult } from '../src/montecarlo/result.ts';

export function worstRelativeErrorOf(result: SimulationResult): number {
  return Math.max(...result.levels.flatMap((level) => [level.valueAtRisk.relativeError, level.expectedShortfall.relativeError]));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
