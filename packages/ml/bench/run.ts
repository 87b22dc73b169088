/**
 * The package benchmark (`npm run bench -w @probity/ml`): quality on the Taiwan data next to
 * scikit-learn, logistic training speed next to scikit-learn's lbfgs, deep seconds per epoch per
 * backend, scoring speed next to numpy, and peak memory of training on 1M rows. Writes
 * bench/results/latest.json and latest.md, and the figures section of the package README.
 *
 * Options: --skip quality,training,deep,scoring,memory   --repeats N (default 3)
 *          --only wide: the wide L1 section instead (heavy: bench/wide-l1.ts; its own results file and README block)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { unfamiliarLoansCsv } from '../test/support/unfamiliar-loans.ts';
import { readCsvFile } from '../src/data/read-csv.ts';
import { compileDeepScorer } from '../src/deep/lean.ts';
import { fitLogistic } from '../src/logistic/fit-logistic.ts';
import { designScores } from '../src/logistic/logits.ts';
import { serializeModel } from '../src/model-file/io.ts';
import { memberState } from '../src/model-file/parts.ts';
import { buildDeepDataset } from '../src/pipeline/deep-dataset.ts';
import { ModelScorer } from '../src/scorer/model-scorer.ts';
import { trainModel } from '../src/train/train-model.ts';
import { renderMarkdown, updateReadme } from './markdown.ts';
import { runPython } from './python.ts';
import { syntheticLogistic, writeProblem } from './synthetic-logistic.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const TAIWAN = fileURLToPath(new URL('../../../data/taiwan-credit-default.csv', import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const skip = new Set((flag('--skip') ?? '').split(',').filter(Boolean));
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

const results: Record<string, unknown> = {
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
  const sklearn = runPython<{ sklearn: string; models: Record<string, { testAuc: number; trainSeconds: number }> }>(['quality', TAIWAN]);
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

async function scoring(trainingPart: Awaited<ReturnType<typeof training>> | null, qualityPart: Awaited<ReturnType<typeof quality>> | null) {
  const out: Record<string, unknown> = {};
  if (trainingPart) {
    const { problem, dir, coef, intercept } = trainingPart.problemForScoring;
    log('scoring: logistic, 1M x 32 float32, one core');
    const scoringRepeats = 2 * repeats + 1;
    const ours = await timed(() => designScores(problem.design, coef, intercept), scoringRepeats);
    const numpy = runPython<{ rowsPerSecond: number }>(['logistic-score', dir, join(dir, 'w.f32'), String(scoringRepeats)], 1);
    out.logistic = {
      rows: problem.design.rows,
      oursRowsPerSecond: problem.design.rows / ours.seconds,
      numpyRowsPerSecond: numpy.rowsPerSecond,
      ratio: problem.design.rows / ours.seconds / numpy.rowsPerSecond,
      note: 'the logistic scorer hot path (design in; log-odds and PD out): float32 inputs, dot product (ours accumulates in float64), sigmoid; numpy: float32 X @ w and sigmoid with OPENBLAS_NUM_THREADS=1',
    };
  }
  if (qualityPart) {
    const { table, models } = qualityPart;
    log('scoring: end to end from raw Taiwan rows (pipeline + model)');
    const scorer = new ModelScorer(models.logistic);
    const endToEnd = await timed(() => scorer.score(table), repeats);
    out.logisticEndToEnd = {
      rows: table.rowCount,
      rowsPerSecond: table.rowCount / endToEnd.seconds,
      note: 'raw CSV columns in, calibrated PD out, one core',
    };
    log('scoring: deep, Taiwan rows, one core');
    const state = memberState(models.fusion.model, 'deep')!;
    const ds = buildDeepDataset(models.fusion.pipeline, table);
    const deep = compileDeepScorer(state);
    let logits: Float64Array = new Float64Array(0);
    const ours = await timed(() => (logits = deep.logits(ds)), repeats);
    const dir = join(work, 'deep');
    mkdirSync(dir);
    writeFileSync(join(dir, 'dense.f32'), new Uint8Array(ds.dense.buffer, ds.dense.byteOffset, ds.dense.byteLength));
    ds.categorical.forEach((c, i) =>
      writeFileSync(join(dir, `codes${i}.i32`), new Uint8Array(c.codes.buffer, c.codes.byteOffset, c.codes.byteLength)),
    );
    ds.sequences.forEach((s, g) =>
      writeFileSync(join(dir, `seq${g}.f32`), new Uint8Array(s.values.buffer, s.values.byteOffset, s.values.byteLength)),
    );
    writeFileSync(join(dir, 'ours.f64'), new Uint8Array(logits.buffer));
    writeFileSync(
      join(dir, 'meta.json'),
      JSON.stringify({ rows: ds.n, denseDim: ds.denseDim, categorical: ds.categorical.length, sequences: ds.sequences.length }),
    );
    const numpy = runPython<{ rowsPerSecond: number; maxAbsDiffFromOurs: number }>(
      ['deep-score', dir, join(work, 'taiwan-fusion.json'), String(repeats)],
      1,
    );
    out.deep = {
      rows: ds.n,
      oursRowsPerSecond: ds.n / ours.seconds,
      numpyRowsPerSecond: numpy.rowsPerSecond,
      ratio: ds.n / ours.seconds / numpy.rowsPerSecond,
      maxAbsLogitDifference: numpy.maxAbsDiffFromOurs,
      note: 'ours: Float64 maths over float32 weights, row by row; numpy: float32 batched matrix products, one thread',
    };
  }
  return out;
}

function memory() {
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
    ...JSON.parse(child.stdout),
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
  if (!skip.has('scoring')) results.scoring = await scoring(trainingPart, qualityPart);
  if (!skip.has('memory')) results.memory = memory();
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
