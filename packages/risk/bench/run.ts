/**
 * The package benchmark (`npm run bench -w @probity/risk`):
 * - comparison: 10,000 obligors in 10 sectors, time to 99% and 99.9% VaR and ES with at most 1%
 *   relative standard error, in one process and on every core, next to a plain numpy Monte Carlo
 *   (one normal draw per obligor and scenario) run in the same benchmark; numpy's time to the same
 *   error is extrapolated from its measured throughput and its error on the pooled repetitions;
 * - agreement: Monte Carlo against Vasicek (10,000 homogeneous obligors) and the exact finite
 *   homogeneous distribution;
 * - scaling: 1k / 10k / 100k obligors, and the requested error halved, each case in its own process
 *   for its peak memory;
 * - calibration: reported standard errors against the spread over independent seeds.
 * Writes bench/results/latest.json and latest.md and the figures section of the package README.
 *
 * Options: --skip comparison,agreement,scaling,calibration  --repeats N (3)  --numpy-scenarios N (30000)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePortfolio } from '../src/input/compile-portfolio.ts';
import { planSimulation } from '../src/montecarlo/plan.ts';
import { runSimulation } from '../src/montecarlo/run.ts';
import { runSimulationParallel, SimulationPool } from '../src/parallel/index.ts';
import { vasicek } from '../src/vasicek/vasicek.ts';
import { renderMarkdown, updateReadme } from './markdown.ts';
import { syntheticPortfolio } from './portfolio.ts';
import { median, worstRelativeErrorOf } from './summary.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const skip = new Set((flag('--skip') ?? '').split(',').filter(Boolean));
const repeats = Number(flag('--repeats') ?? 3);
const numpyScenarios = Number(flag('--numpy-scenarios') ?? 30000);
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const work = mkdtempSync(join(tmpdir(), 'probity-risk-bench-'));
const TARGET = 0.01;

const results: Record<string, unknown> = {
  generatedAt: new Date().toISOString(),
  command: 'npm run bench -w @probity/risk',
  machine: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), loadAverageAtStart: loadavg() },
};

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

/** CPU seconds of the whole process (worker threads included) since `start`. */
function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function levelFigures(result: ReturnType<typeof runSimulation>) {
  return result.levels.map((level) => ({
    level: level.level,
    valueAtRisk: level.valueAtRisk,
    expectedShortfall: level.expectedShortfall,
    tailScenarios: level.tailScenarios,
  }));
}

/** Scenarios a run with these relative errors after n scenarios needs for `target` (errors fall as 1/sqrt(n)). */
function scenariosFor(n: number, worst: number, target: number): number {
  return Math.ceil(n * (worst / target) ** 2);
}

async function comparison() {
  const obligors = 10000;
  log(`comparison: ${obligors} obligors, 10 sectors, target ${TARGET}`);
  const portfolio = syntheticPortfolio(obligors);
  // The numpy side gets the same model, asset correlations included.
  const compiled = compilePortfolio(portfolio.exposures, portfolio.factorModel);
  const file = join(work, 'portfolio.json');
  writeFileSync(
    file,
    JSON.stringify({
      exposures: portfolio.exposures.map((e, i) => ({ ...e, assetCorrelation: compiled.obligorR[i] })),
      factorModel: portfolio.factorModel,
    }),
  );

  const single: { seconds: number; cpuSeconds: number; scenarios: number; worst: number; withContributions: number }[] = [];
  let reference: ReturnType<typeof runSimulation> | null = null;
  for (let r = 0; r < repeats; r++) {
    let start = performance.now();
    const cpu = process.cpuUsage();
    const plan = planSimulation(portfolio);
    const result = runSimulation(plan, { targetRelativeError: TARGET, contributions: false, histogram: null });
    const elapsed = seconds(start);
    const cpuUsed = cpuSeconds(cpu);
    start = performance.now();
    const full = runSimulation(planSimulation(portfolio), { targetRelativeError: TARGET });
    single.push({
      seconds: elapsed,
      cpuSeconds: cpuUsed,
      scenarios: result.scenarios,
      worst: worstRelativeErrorOf(result),
      withContributions: seconds(start),
    });
    reference = full;
    log(
      `  ours, 1 process: ${elapsed.toFixed(2)} s, ${result.scenarios} scenarios, worst RSE ${worstRelativeErrorOf(result).toFixed(4)}; with contributions ${seconds(start).toFixed(2)} s`,
    );
  }

  const threads = availableParallelism();
  let start = performance.now();
  const planCpu = process.cpuUsage();
  const plan = planSimulation(portfolio);
  const planSeconds = seconds(start);
  const planCpuSeconds = cpuSeconds(planCpu);
  start = performance.now();
  const pool = SimulationPool.create(plan, threads);
  await pool.simulate(0); // workers up and warm
  const poolStartSeconds = seconds(start);
  const parallel: { seconds: number; cpuSeconds: number; scenarios: number; withContributions: number; identical: boolean }[] = [];
  try {
    for (let r = 0; r < repeats; r++) {
      start = performance.now();
      const cpu = process.cpuUsage();
      const result = await runSimulationParallel(plan, { pool, targetRelativeError: TARGET, contributions: false, histogram: null });
      const elapsed = seconds(start);
      const cpuUsed = cpuSeconds(cpu);
      start = performance.now();
      const full = await runSimulationParallel(plan, { pool, targetRelativeError: TARGET });
      const identical = JSON.stringify(levelFigures(full)) === JSON.stringify(levelFigures(reference!));
      parallel.push({
        seconds: elapsed + planSeconds,
        cpuSeconds: cpuUsed + planCpuSeconds,
        scenarios: result.scenarios,
        withContributions: seconds(start) + planSeconds,
        identical,
      });
      log(
        `  ours, ${threads} threads: ${(elapsed + planSeconds).toFixed(2)} s (plan ${planSeconds.toFixed(2)} s), ${result.scenarios} scenarios; identical to 1 process: ${identical}`,
      );
    }
  } finally {
    await pool.close();
  }

  log('  ours without importance sampling (conditional sampling only), 50,000 scenarios');
  start = performance.now();
  const plainN = 50000;
  const plain = runSimulation(planSimulation(portfolio, { importanceSampling: false, chunkSize: 1000 }), {
    fixedScenarios: plainN,
    contributions: false,
    histogram: null,
  });
  const plainSeconds = seconds(start);
  const plainWorst = worstRelativeErrorOf(plain);

  log(`  numpy plain Monte Carlo: ${repeats} x ${numpyScenarios} scenarios`);
  const python = spawnSync('/usr/bin/python3', [join(HERE, 'numpy_plain.py'), file, String(numpyScenarios), String(repeats)], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (python.status !== 0) throw new Error(`numpy_plain.py failed: ${python.stderr}`);
  const numpy = JSON.parse(python.stdout);
  const numpyLevels = Object.values(numpy.levels) as {
    valueAtRisk: number;
    valueAtRiskSE: number;
    expectedShortfall: number;
    expectedShortfallSE: number;
  }[];
  const numpyWorst = Math.max(
    ...numpyLevels.flatMap((l) => [l.valueAtRiskSE / l.valueAtRisk, l.expectedShortfallSE / l.expectedShortfall]),
  );
  const numpyNeeded = scenariosFor(numpy.pooledScenarios, numpyWorst, TARGET);
  const numpySecondsTo1 = (numpyNeeded * obligors) / numpy.obligorScenariosPerSecond;
  log(
    `  numpy: ${(numpy.obligorScenariosPerSecond / 1e6).toFixed(1)}e6 obligor-scenarios/s, worst RSE ${numpyWorst.toFixed(4)} on ${numpy.pooledScenarios} -> ${numpyNeeded} scenarios, ${numpySecondsTo1.toFixed(0)} s to ${TARGET}`,
  );

  const oursSingle = median(single.map((s) => s.seconds));
  const oursParallel = median(parallel.map((s) => s.seconds));
  results.comparison = {
    obligors,
    sectors: 10,
    target: TARGET,
    ours: {
      singleProcess: {
        runs: single,
        medianSeconds: oursSingle,
        medianCpuSeconds: median(single.map((s) => s.cpuSeconds)),
        medianWithContributions: median(single.map((s) => s.withContributions)),
      },
      allCores: {
        threads,
        runs: parallel,
        medianSeconds: oursParallel,
        medianCpuSeconds: median(parallel.map((s) => s.cpuSeconds)),
        medianWithContributions: median(parallel.map((s) => s.withContributions)),
        poolStartSeconds,
      },
      levels: levelFigures(reference!),
      withoutImportanceSampling: {
        scenarios: plainN,
        seconds: plainSeconds,
        worstRelativeError: plainWorst,
        scenariosForTarget: scenariosFor(plainN, plainWorst, TARGET),
        secondsForTarget: (plainSeconds * scenariosFor(plainN, plainWorst, TARGET)) / plainN,
      },
    },
    numpy: { ...numpy, worstRelativeError: numpyWorst, scenariosForTarget: numpyNeeded, secondsForTarget: numpySecondsTo1 },
    speedup: { singleProcess: numpySecondsTo1 / oursSingle, allCores: numpySecondsTo1 / oursParallel },
  };
}

function agreement() {
  log('agreement: 10,000 homogeneous obligors (PD 1%, rho 0.15) against Vasicek, at 0.5% relative error');
  const n = 10000;
  const exposures = Array.from({ length: n }, (_, i) => ({ id: `h${i}`, sector: 'all', ead: 1, pd: 0.01, lgd: 1, assetCorrelation: 0.15 }));
  const result = runSimulation(planSimulation({ exposures, factorModel: { sectors: ['all'], correlation: [[1]] } }, { seed: 7 }), {
    targetRelativeError: 0.005,
    contributions: false,
    histogram: null,
  });
  const limit = vasicek({ pd: 0.01, rho: 0.15, ead: n });
  const rows = result.levels.map((level) => ({
    level: level.level,
    valueAtRisk: {
      monteCarlo: level.valueAtRisk.value,
      standardError: level.valueAtRisk.standardError,
      vasicek: limit.quantile(level.level),
    },
    expectedShortfall: {
      monteCarlo: level.expectedShortfall.value,
      standardError: level.expectedShortfall.standardError,
      vasicek: limit.expectedShortfall(level.level),
    },
  }));
  const exact = JSON.parse(readFileSync(new URL('../test/fixtures/finite-homogeneous.json', import.meta.url), 'utf8')).cases[0];
  const finite = runSimulation(
    planSimulation(
      {
        exposures: Array.from({ length: exact.n }, (_, i) => ({
          id: `f${i}`,
          sector: 'all',
          ead: 1,
          pd: exact.pd,
          lgd: 1,
          assetCorrelation: exact.rho,
        })),
        factorModel: { sectors: ['all'], correlation: [[1]] },
      },
      { seed: 7 },
    ),
    { targetRelativeError: 0.005, contributions: false, histogram: null },
  );
  results.agreement = {
    vasicek: { obligors: n, pd: 0.01, rho: 0.15, scenarios: result.scenarios, rows },
    finiteExact: {
      obligors: exact.n,
      pd: exact.pd,
      rho: exact.rho,
      scenarios: finite.scenarios,
      rows: finite.levels.map((level) => ({
        level: level.level,
        valueAtRisk: {
          monteCarlo: level.valueAtRisk.value,
          standardError: level.valueAtRisk.standardError,
          exact: exact.levels[String(level.level)].valueAtRisk,
        },
        expectedShortfall: {
          monteCarlo: level.expectedShortfall.value,
          standardError: level.expectedShortfall.standardError,
          exact: exact.levels[String(level.level)].expectedShortfall,
        },
      })),
    },
  };
}

function runCase(caseArgs: string[]) {
  const child = spawnSync(process.execPath, [...process.execArgv, join(HERE, 'case.ts'), ...caseArgs], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (child.status !== 0) throw new Error(`case ${caseArgs.join(' ')} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

function scaling() {
  const byObligors = [1000, 10000, 100000].map((obligors) => {
    log(`scaling: ${obligors} obligors to ${TARGET}`);
    return runCase(['--obligors', String(obligors), '--target', String(TARGET)]);
  });
  const threads = availableParallelism();
  log(`scaling: 100,000 obligors to ${TARGET} on ${threads} threads`);
  const parallel100k = runCase(['--obligors', '100000', '--target', String(TARGET), '--threads', String(threads)]);
  const byTarget = [0.02, 0.01, 0.005].map((target) => {
    log(`scaling: 10,000 obligors to ${target}`);
    return runCase(['--obligors', '10000', '--target', String(target)]);
  });
  results.scaling = { byObligors, parallel100k, byTarget };
}

function calibration() {
  const seeds = 30;
  const scenarios = 1000;
  log(`calibration: ${seeds} seeds x ${scenarios} scenarios, 10,000 obligors`);
  const portfolio = syntheticPortfolio(10000);
  const rows = Array.from({ length: seeds }, (_, s) => {
    const result = runSimulation(planSimulation(portfolio, { seed: 500 + s, chunkSize: scenarios }), {
      fixedScenarios: scenarios,
      contributions: false,
      histogram: null,
    });
    return result.levels.map((level) => [
      level.valueAtRisk.value,
      level.valueAtRisk.standardError,
      level.expectedShortfall.value,
      level.expectedShortfall.standardError,
    ]);
  });
  const sd = (x: number[]) => {
    const m = x.reduce((a, b) => a + b, 0) / x.length;
    return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
  };
  const rms = (x: number[]) => Math.sqrt(x.reduce((a, b) => a + b * b, 0) / x.length);
  results.calibration = {
    seeds,
    scenarios,
    levels: [0.99, 0.999].map((level, l) => ({
      level,
      valueAtRisk: { spreadOverSeeds: sd(rows.map((r) => r[l]![0]!)), reportedStandardError: rms(rows.map((r) => r[l]![1]!)) },
      expectedShortfall: { spreadOverSeeds: sd(rows.map((r) => r[l]![2]!)), reportedStandardError: rms(rows.map((r) => r[l]![3]!)) },
    })),
  };
}

try {
  if (!skip.has('comparison')) await comparison();
  if (!skip.has('agreement')) agreement();
  if (!skip.has('scaling')) scaling();
  if (!skip.has('calibration')) calibration();
  (results.machine as Record<string, unknown>).loadAverageAtEnd = loadavg();
  const out = join(HERE, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const markdown = renderMarkdown(results);
  writeFileSync(join(out, 'latest.md'), markdown);
  const readme = fileURLToPath(new URL('../README.md', import.meta.url));
  writeFileSync(readme, updateReadme(readFileSync(readme, 'utf8'), markdown));
  log(`wrote ${join(out, 'latest.json')}, latest.md and the README figures`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
