/**
 * One benchmark case in its own process, so that its peak memory (maxRSS) is its own: plan, run to
 * the target relative error (or a fixed number of scenarios), print one JSON line.
 * Usage: tsx bench/case.ts --obligors N --target 0.01 [--plain] [--scenarios N] [--homogeneous]
 */
import { resourceUsage } from 'node:process';
import { planSimulation } from '../src/montecarlo/plan.ts';
import { runSimulation } from '../src/montecarlo/run.ts';
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

const portfolio = syntheticPortfolio(obligors);
const started = performance.now();
const plan = planSimulation(portfolio, { importanceSampling: !plain });
const planned = performance.now();
const result = runSimulation(
  plan,
  scenarios
    ? { fixedScenarios: Number(scenarios), contributions: false, histogram: null }
    : { targetRelativeError: target, contributions: false, histogram: null },
);
const finished = performance.now();
process.stdout.write(
  `${JSON.stringify({
    obligors,
    target: scenarios ? null : target,
    importanceSampling: !plain,
    seconds: (finished - started) / 1000,
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
