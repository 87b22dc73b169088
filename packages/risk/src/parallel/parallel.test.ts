import { describe, expect, it } from 'vitest';
import { mixed } from '../../test/support/portfolios.ts';
import { planSimulation } from '../montecarlo/plan.ts';
import { runSimulation } from '../montecarlo/run.ts';
import { runSimulationParallel } from './run-parallel.ts';
import { SimulationPool } from './pool.ts';

describe('runSimulationParallel', () => {
  it('gives exactly the in-process result, stopping rule and contributions included, with 1 to 3 threads', async () => {
    const plan = planSimulation(mixed(800), { seed: 21, chunkSize: 250 });
    const options = { targetRelativeError: 0.02, minScenarios: 1000 };
    const expected = runSimulation(plan, options);
    for (const threads of [1, 3]) {
      const actual = await runSimulationParallel(plan, { ...options, threads });
      expect(actual.scenarios).toBe(expected.scenarios);
      expect(actual.levels.map((level) => [level.valueAtRisk, level.expectedShortfall, level.contributionsBySector])).toEqual(
        expected.levels.map((level) => [level.valueAtRisk, level.expectedShortfall, level.contributionsBySector]),
      );
      expect(actual.levels[1]!.contributionsByObligor!.contribution).toEqual(expected.levels[1]!.contributionsByObligor!.contribution);
      expect(actual.histogram).toEqual(expected.histogram);
    }
  });

  it('reports a failing chunk as an error', async () => {
    const plan = planSimulation(mixed(50), { chunkSize: 10 });
    const pool = SimulationPool.create(plan, 1);
    try {
      await expect(pool.simulate(-1)).rejects.toThrowError(/chunkIndex must be a non-negative integer/);
      await expect(pool.simulate(0)).resolves.toMatchObject({ chunkIndex: 0 });
    } finally {
      await pool.close();
    }
  });
});

describe('runSimulationParallel with a pool of another plan', () => {
  it('rejects instead of mixing plans', async () => {
    const plan = planSimulation(mixed(60), { seed: 1, chunkSize: 50 });
    const other = planSimulation(mixed(60), { seed: 2, chunkSize: 50 });
    const pool = SimulationPool.create(other, 1);
    try {
      await expect(runSimulationParallel(plan, { pool, fixedScenarios: 100 })).rejects.toThrowError(/belongs to another plan/);
    } finally {
      await pool.close();
    }
  });
});
