/**
 * One benchmark case in its own process, so that its peak memory (maxRSS) is its own: plan, run to
 * the target relative error (or a fixed number of scenarios), print one JSON line.
 * Usage: tsx bench/case.ts --obligors N --target 0.01 [--plain] [--scenarios N] [--threads N]
 * With --threads the run uses worker threads; the pool starts before the clock (its start is reported).
 */
import { resourceUsage } from 'node:process';
import { planSimulation } from '../src/montecarlo/plan.ts';
import { runSimulation } from '../src/montecarlo/run.ts';
import { runSimulationParallel, SimulationPool } from '../src/parallel/index.ts';
import { worstRelativeErrorOf } from './summary.ts';
import { syntheticPortfolio } from './portfolio.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const obligors = Number(flag('--obligors') ?? 10000);
const target = Number(flag('--target') ?? 0.01);
const scenarios = flag('--scenarios');
const plain = args.includes('--plain');
const threads = flag('--threads') === undefined ? null : Number(flag('--threads'));

const portfolio = syntheticPortfolio(obligors);
const started = performance.now();
const plan = planSimulation(portfolio, { importanceSampling: !plain });
const planned = performance.now();
const run = scenarios
  ? { fixedScenarios: Number(scenarios), contributions: false, histogram: null }
  : { targetRelativeError: target, contributions: false, histogram: null };
let poolStartSeconds: number | null = null;
let result;
if (threads === null) result = runSimulation(plan, run);
else {
  const poolStarted = performance.now();
  const pool = SimulationPool.create(plan, threads);
  await pool.simulate(0);
  poolStartSeconds = (performance.now() - poolStarted) / 1000;
  result = await runSimulationParallel(plan, { ...run, pool });
  await pool.close();
}
const finished = performance.now();
process.stdout.write(
  `${JSON.stringify({
    obligors,
    target: scenarios ? null : target,
    importanceSampling: !plain,
    threads: threads ?? 1,
    poolStartSeconds,
    seconds: (finished - started) / 1000 - (poolStartSeconds ?? 0),
    planSeconds: (planned - started) / 1000,
    scenarios: result.scenarios,
    converged: result.converged,
    worstRelativeError: worstRelativeErrorOf(result),
    levels: result.levels.map((level) => ({
      level: level.level,
      valueAtRisk: level.valueAtRisk,
      expectedShortfall: level.expectedShortfall,
    })),
    maxRssMiB: resourceUsage().maxRSS / 1024,
  })}\n`,
);
