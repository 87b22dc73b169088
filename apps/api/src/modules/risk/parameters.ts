// The simulation parameters of a request, checked here so a bad one is refused naming its field.
import { InputError, type SimulationParameters } from '@probity/db';
import type { RunPortfolioSimulationInput } from '../../generated/resolvers-types.ts';

export const DEFAULT_PARAMETERS: SimulationParameters = {
  seed: 1,
  levels: [0.99, 0.999],
  targetRelativeError: 0.01,
  maxScenarios: 2_000_000,
  chunkSize: 500,
};

export function simulationParameters(input: RunPortfolioSimulationInput): SimulationParameters {
  const seed = input.seed ?? DEFAULT_PARAMETERS.seed;
  if (!Number.isInteger(seed) || seed < 0) throw new InputError('input.seed', 'must be a whole number >= 0');
  const levels = input.levels ?? DEFAULT_PARAMETERS.levels;
  if (levels.length === 0 || levels.length > 4) throw new InputError('input.levels', 'must list 1 to 4 levels');
  levels.forEach((level, i) => {
    if (!(level >= 0.5 && level < 1)) throw new InputError(`input.levels[${i}]`, `must be in [0.5, 1), got ${level}`);
    if (levels.indexOf(level) !== i) throw new InputError(`input.levels[${i}]`, `repeats ${level}`);
  });
  const targetRelativeError = input.targetRelativeError ?? DEFAULT_PARAMETERS.targetRelativeError;
  if (!(targetRelativeError >= 0.001 && targetRelativeError <= 0.5)) {
    throw new InputError('input.targetRelativeError', `must be in [0.001, 0.5], got ${targetRelativeError}`);
  }
  const maxScenarios = input.maxScenarios ?? DEFAULT_PARAMETERS.maxScenarios;
  if (!Number.isInteger(maxScenarios) || maxScenarios < 1000 || maxScenarios > 5_000_000) {
    throw new InputError('input.maxScenarios', `must be a whole number in [1000, 5000000], got ${maxScenarios}`);
  }
  return { seed, levels: [...levels].sort((x, y) => x - y), targetRelativeError, maxScenarios, chunkSize: DEFAULT_PARAMETERS.chunkSize };
}
