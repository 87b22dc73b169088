/**
 * The package benchmark (`npm run bench -w @probity/ml`): quality on the Taiwan data next to
 * scikit-learn, logistic training speed next to scikit-learn's lbfgs, deep seconds per epoch per
 * backend, scoring speed next to numpy (bench/scoring.ts, side by side), `score --explain 5` end to
 * end on 1M rows, and peak memory of training on 1M rows. Writes
 * bench/results/latest.json and latest.md, and the figures section of the package README.
 *
 * Options: --skip quality,training,deep,scoring,memory,trees   --repeats N (default 3)
 *          --only trees: only the trees section (bench/trees.ts: gbdt and fusion next to scikit-learn and XGBoost)
 *          --only wide: the wide L1 section instead (heavy: bench/wide-l1.ts; its own results file and README block)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { unfamiliarLoansCsv } from '../test/support/unfamiliar-loans.ts';
import { readCsvFile } from '../src/data/read-csv.ts';
import { fitLogistic } from '../src/logistic/fit-logistic.ts';
import { serializeModel } from '../src/model-file/io.ts';
import { trainModel } from '../src/train/train-model.ts';
import type { runDeepEpochBench } from './deep-epoch.ts';
import { renderMarkdown, updateReadme } from './markdown.ts';
import { runPython } from './python.ts';
import { scoringBench, type ScoringContext, type ScoringResults } from './scoring.ts';
import type { RssResult } from './train-rss.ts';
import { syntheticLogistic, writeProblem } from './synthetic-logistic.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const TAIWAN = fileURLToPath(new URL('../../../data/taiwan-credit-default.csv', import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const skip = new Set((flag('--skip') ?? '').split(',').filter(Boolean));
if (flag('--only') === 'trees') {
  const { runTreesBench } = await import('./trees.ts');
  const trees = await runTreesBench(args, (line) => process.stderr.write(`[bench] ${line}\n`));
  process.stdout.write(trees.markdown);
  process.exit(0);
}
if (flag('--only') === 'wide') {
  const { runWideBench } = await import('./wide-l1.ts');
  const wide = await runWideBench(args, (line) => process.stderr.write(`[bench] ${line}\n`));
  process.stdout.write(wide.markdown);
  process.exit(0);
}
const repeats = Number(flag('--repeats') ?? 3);
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const work = mkdtempSync(join(tmpdir(), 'probity-bench-'));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<T>(fn: () => Promise<T> | T, times: number): Promise<{ seconds: number; best: number; result: T }> {
  const seconds: number[] = [];
  let result!: T;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    result = await fn();
    seconds.push((performance.now() - start) / 1000);
  }
  return { seconds: median(seconds), best: Math.min(...seconds), result };
}

/** Everything one run measures: written to results/latest.json and rendered by markdown.ts. */
export interface BenchResults {
  generatedAt: string;
  command: string;
  machine: { node: string; cpu: string; cores: number; loadAverageAtStart: number[]; gpu: string };
  quality?: Omit<Awaited<ReturnType<typeof quality>>, 'models' | 'table'>;
  logisticTraining?: Omit<Awaited<ReturnType<typeof training>>, 'problemForScoring'>;
  deepEpochs?: Awaited<ReturnType<typeof runDeepEpochBench>>;
  scoring?: ScoringResults;
  memory?: RssResult & { data: string };
  loadAverageAtEnd?: number[];
}

const results: BenchResults = {
  generatedAt: new Date().toISOString(),
  command: 'npm run bench -w @probity/ml',
  machine: {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    loadAverageAtStart: loadavg(),
    gpu: 'none on this machine',
  },
};

async function quality() {
  log('quality: Taiwan, --split mod5 (fusion run gives all three parts)');
  const read = await readCsvFile(TAIWAN);
  const options = { target: 'DEFAULT_NEXT_MONTH', id: 'ID', limitColumn: 'LIMIT_BAL', split: { kind: 'mod5' as const } };
  const logistic = await trainModel(read.table, { ...options, model: 'logistic' });
  const fusion = await trainModel(
    read.table,
    { ...options, model: 'fusion' },
    {
      onProgress: (e) =>
        e.step?.unit === 'epoch' && e.step.index % 5 === 0 && log(`  deep epoch ${e.step.index} val AUC ${e.validationAuc?.toFixed(4)}`),
    },
  );
  writeFileSync(join(work, 'taiwan-fusion.json'), serializeModel(fusion.model));
  const deepPart = fusion.report.deep![0]!;
  log('quality: scikit-learn on the same split');
  const sklearn = runPython<{ sklearn: string; numpy: string; models: Record<string, { testAuc: number; trainSeconds: number }> }>([
    'quality',
    TAIWAN,
  ]);
  return {
    split:
      'mod5: test = ID % 5 == 0 (6,000 rows); ours train on 80% of the rest and validate (penalty, early stopping, calibration, stacking) on 20%; scikit-learn trains on all the rest',
    ours: {
      logistic: {
        testAuc: logistic.report.test!.auc,
        ci95: logistic.report.testAucInterval,
        trainSeconds: logistic.report.trainSeconds,
        lambda: logistic.report.logistic!.lambda,
      },
      deep: {
        testAuc: deepPart.test!.auc,
        trainSeconds: deepPart.seconds,
        epochs: deepPart.epochsRun,
        backend: fusion.report.backendDetail,
        note: 'the deep part of the fusion run (the same seed and data a standalone deep model uses)',
      },
      fusion: {
        testAuc: fusion.report.test!.auc,
        ci95: fusion.report.testAucInterval,
        trainSeconds: fusion.report.trainSeconds,
        weights: fusion.report.fusion!.weights,
      },
    },
    sklearn,
    targets: { logistic: 0.778, deep: 0.786, fusion: 0.792 },
    models: { logistic: logistic.model, fusion: fusion.model },
    table: read.table,
  };
}

async function training() {
  const rows = 1_000_000;
  const columns = 32;
  const lambda = 1;
  log(`training: synthetic ${rows} x ${columns}, L2 lambda ${lambda} (C = 1)`);
  const problem = syntheticLogistic(rows, columns);
  const dir = join(work, 'logistic');
  mkdirSync(dir);
  writeProblem(dir, problem, lambda);
  const ours = await timed(() => fitLogistic(problem.design, problem.labels, { lambda }), repeats);
  log(`  ours ${ours.seconds.toFixed(3)} s (${ours.result.iterations} Newton iterations, ${ours.result.threads} threads)`);
  const sklearn = runPython<{
    seconds: number;
    bestSeconds: number;
    iterations: number;
    logLikelihood: number;
    objective: number;
    sklearn: string;
  }>(['logistic-speed', dir, String(repeats)]);
  log(`  scikit-learn lbfgs ${sklearn.seconds.toFixed(3)} s`);
  const weights = new Float32Array([...ours.result.coef, ours.result.intercept]);
  writeFileSync(join(dir, 'w.f32'), new Uint8Array(weights.buffer));
  return {
    problem: { rows, columns, lambda, data: 'standard normal float32 features, labels from a known logistic model (seeded)' },
    ours: {
      seconds: ours.seconds,
      bestSeconds: ours.best,
      iterations: ours.result.iterations,
      gradientNorm: ours.result.gradientNorm,
      threads: ours.result.threads,
      logLikelihood: ours.result.logLikelihood,
      objective: ours.result.objective,
      method: 'Newton with a subsampled Hessian (exact gradient each pass), Float64 accumulation, worker threads',
    },
    sklearn: { ...sklearn, method: 'LogisticRegression(solver="lbfgs", C=1), float64, BLAS threads as installed' },
    ratio: ours.seconds / sklearn.seconds,
    logLikelihoodRelativeDifference: Math.abs(ours.result.logLikelihood - sklearn.logLikelihood) / Math.abs(sklearn.logLikelihood),
    problemForScoring: { problem, dir, coef: ours.result.coef, intercept: ours.result.intercept },
  };
}

/** The scoring benchmark's inputs, made here when the quality or training part was skipped. */
async function scoringInputs(): Promise<ScoringContext> {
  let logistic: ScoringContext['logistic'] = null;
  if (trainingPart) {
    const { problem, dir, coef, intercept } = trainingPart.problemForScoring;
    logistic = { design: problem.design, dir, coef, intercept };
  } else {
    log('scoring: the 1M x 32 logistic problem (training part skipped)');
    const problem = syntheticLogistic(1_000_000, 32);
    const dir = join(work, 'logistic');
    mkdirSync(dir, { recursive: true });
    writeProblem(dir, problem, 1);
    const fit = await fitLogistic(problem.design, problem.labels, { lambda: 1 });
    writeFileSync(join(dir, 'w.f32'), new Uint8Array(new Float32Array([...fit.coef, fit.intercept]).buffer));
    logistic = { design: problem.design, dir, coef: fit.coef, intercept: fit.intercept };
  }
  let models = qualityPart?.models;
  let table = qualityPart?.table;
  if (!models || !table) {
    log('scoring: training the Taiwan logistic and fusion models (quality part skipped)');
    table = (await readCsvFile(TAIWAN)).table;
    const options = { target: 'DEFAULT_NEXT_MONTH', id: 'ID', limitColumn: 'LIMIT_BAL', split: { kind: 'mod5' as const } };
    models = {
      logistic: (await trainModel(table, { ...options, model: 'logistic' })).model,
      fusion: (await trainModel(table, { ...options, model: 'fusion' })).model,
    };
    writeFileSync(join(work, 'taiwan-fusion.json'), serializeModel(models.fusion));
  }
  return {
    work,
    repeats: Math.max(5, 2 * repeats + 1),
    log,
    logistic,
    taiwan: { model: models.fusion, logistic: models.logistic, modelFile: join(work, 'taiwan-fusion.json'), table, csv: TAIWAN },
  };
}

function memory(): RssResult & { data: string } {
  const rows = 1_000_000;
  log(`memory: training a logistic model on a ${rows}-row CSV in a child process`);
  const file = join(work, 'loans-1m.csv');
  writeFileSync(file, unfamiliarLoansCsv({ rows, seed: 99 }));
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, 'train-rss.ts'), file, 'status', 'default'], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  rmSync(file);
  if (child.status !== 0) throw new Error(`train-rss failed: ${child.stderr}`);
  return {
    ...(JSON.parse(child.stdout) as RssResult),
    data: 'synthetic loan file: 13 columns, string categoricals, missing values, a 6-month balance history',
  };
}

let qualityPart: Awaited<ReturnType<typeof quality>> | null = null;
let trainingPart: Awaited<ReturnType<typeof training>> | null = null;
try {
  if (!skip.has('quality')) {
    qualityPart = await quality();
    const { models: _models, table: _table, ...shown } = qualityPart;
    results.quality = shown;
  }
  if (!skip.has('training')) {
    trainingPart = await training();
    const { problemForScoring: _p, ...shown } = trainingPart;
    results.logisticTraining = shown;
  }
  if (!skip.has('deep')) {
    log('deep: seconds per epoch per backend (bench/deep-epoch.ts)');
    const { runDeepEpochBench } = await import('./deep-epoch.ts');
    results.deepEpochs = await runDeepEpochBench({ taiwanCsv: TAIWAN, log: (line) => log(`  ${line}`) });
  }
  if (!skip.has('scoring')) results.scoring = await scoringBench(await scoringInputs());
  if (!skip.has('memory')) results.memory = memory();
  if (!skip.has('trees')) {
    // Its own results file and README block (bench/trees.ts), like the wide section.
    const { runTreesBench } = await import('./trees.ts');
    await runTreesBench(args, log);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

results.loadAverageAtEnd = loadavg();
const dir = join(HERE, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
const markdown = renderMarkdown(results);
writeFileSync(join(dir, 'latest.md'), markdown);
const readme = join(HERE, '..', 'README.md');
writeFileSync(readme, updateReadme(readFileSync(readme, 'utf8'), markdown));
log(`wrote ${join(dir, 'latest.json')}, latest.md and the README figures`);
process.stdout.write(markdown);
