/**
 * GPU benchmark: the deep model's training on WebGPU (Dawn over Vulkan) next to wasm on the same host,
 * the deep model trained to convergence on the Taiwan rows by each backend, whether WebGPU training is
 * reproducible, whether its predictions agree with the lean scorer, and logistic training on every core.
 * `torch_bench.py` beside this times the same work in PyTorch on the same machine; `run-on-gpu.sh`
 * runs both on a GPU host and `pack.sh` makes what travels there (see README.md here).
 *
 * Each section is independent: one that fails is recorded with its error and the rest still run, and
 * the JSON is rewritten after every section, so a run cut short still says what it measured.
 * Run: npx tsx bench/gpu/gpu-bench.ts --out gpu.json [--quick] [--taiwan data/taiwan-credit-default.csv]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { probeBackend } from '../../src/backend/probe.ts';
import { selectBackend } from '../../src/backend/select.ts';
import { prepareGpuEnvironment } from '../../src/cli/env.ts';
import { readCsvFile } from '../../src/data/read-csv.ts';
import { taiwanCsvPath, taiwanDatasets } from '../../src/deep/dev/taiwan.ts';
import { sliceDeepDataset, syntheticDeepDataset } from '../../src/deep/synthetic.ts';
import { trainDeep } from '../../src/deep/train.ts';
import { tfDeepLogits } from '../../src/deep/tf-predict.ts';
import { DeepBatchScorer } from '../../src/deep/wasm/deep-batch.ts';
import type { DeepDataset } from '../../src/deep/types.ts';
import { fitLogistic } from '../../src/logistic/fit-logistic.ts';
import { trainModel } from '../../src/train/train-model.ts';
import { trainInThread } from '../../src/train/train-thread.ts';
import { syntheticSpec, timeEpochs } from '../deep-epoch.ts';
import { syntheticLogistic, writeProblem } from '../synthetic-logistic.ts';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
// --only probe,logistic: rerun some sections (names as in the JSON).
const only = arg('--only')?.split(',');
const out = arg('--out') ?? 'gpu-bench.json';
const work = arg('--work') ?? 'gpu-bench-work';
const taiwanCsv = arg('--taiwan') ?? taiwanCsvPath;
mkdirSync(work, { recursive: true });
// What `probity-ml train` does before a deep model trains: point Vulkan at NVIDIA's driver.
const gpuEnvironment = prepareGpuEnvironment();

const log = (line: string): void => void process.stderr.write(`[gpu-bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const report: Record<string, unknown> = {
  bench: 'gpu',
  command: `gpu-bench.ts ${args.join(' ')}`,
  host: {
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model,
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    loadAverageAtStart: loadavg(),
  },
  sections: {},
};
// Sections run in separate processes (run-on-gpu.sh) add to the same file.
if (existsSync(out)) report.sections = (JSON.parse(readFileSync(out, 'utf8')) as { sections?: object }).sections ?? {};
const sections = report.sections as Record<string, unknown>;
const save = (): void => writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

async function section(name: string, body: () => Promise<unknown>): Promise<void> {
  if (only && !only.includes(name)) return;
  const started = performance.now();
  log(`${name}: start`);
  try {
    sections[name] = { ok: true, seconds: 0, ...((await body()) as object) };
  } catch (e) {
    const error = e instanceof Error ? `${e.message}\n${e.stack?.split('\n').slice(1, 6).join('\n')}` : String(e);
    sections[name] = { ok: false, error };
    log(`${name}: FAILED ${error}`);
  }
  (sections[name] as { seconds: number }).seconds = (performance.now() - started) / 1000;
  log(`${name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  save();
}

/** Activates a backend, or throws with the reason it cannot load. */
async function use(name: string): Promise<string> {
  return (await selectBackend(name)).detail;
}

async function epochTimings(backend: string, runs: { data: string; train: DeepDataset; validation: DeepDataset; batchSizes: number[] }[]) {
  const detail = await use(backend);
  const timings: unknown[] = [];
  for (const run of runs) {
    for (const batchSize of run.batchSizes) {
      const t = await timeEpochs(run.train, run.validation, { batchSize });
      log(`${backend} ${run.data} batch ${batchSize}: ${t.second.toFixed(3)} s/epoch (first ${t.first.toFixed(2)} s)`);
      timings.push({
        data: run.data,
        rows: run.train.n,
        batchSize,
        firstEpochSeconds: t.first,
        secondsPerEpoch: t.second,
        cpuSecondsPerEpoch: t.cpu,
      });
      save();
    }
  }
  return { detail, timings };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

// Made on first use: a section run alone (--only) does not pay for the 1M rows it does not need.
let synthetic: DeepDataset | null = null;
const synth = (rows: number) => {
  synthetic ??= syntheticDeepDataset(syntheticSpec(quick ? 60_000 : 1_010_000));
  const validation = sliceDeepDataset(synthetic, 0, 10_000);
  return { data: `synthetic ${rows} x 32 dense + 6x3 sequence`, train: sliceDeepDataset(synthetic, 10_000, 10_000 + rows), validation };
};
const taiwan = taiwanDatasets(taiwanCsv);
const taiwanRun = (batchSizes: number[]) => ({
  data: 'taiwan training rows',
  train: taiwan.train,
  validation: taiwan.validation,
  batchSizes,
});

await section('probe', async () => {
  const probes: Record<string, string> = {};
  for (const name of ['tensorflow', 'webgpu', 'wasm', 'cpu']) {
    try {
      probes[name] = `loads: ${await use(name)}`;
    } catch (e) {
      probes[name] = `cannot load: ${(e as Error).message}`;
    }
  }
  return { probes, setByProbity: gpuEnvironment, env: { VK_DRIVER_FILES: process.env.VK_DRIVER_FILES ?? null } };
});

// The job worker's path: probe the backend on a short-lived thread, then train each job on a thread
// of its own, one after another; every thread makes and drops its own Dawn instance.
await section('threads', async () => {
  const probes = [await probeBackend('webgpu'), await probeBackend('webgpu')];
  const jobs: unknown[] = [];
  for (let job = 0; job < 2; job++) {
    const thread = trainInThread(taiwanCsv, {
      target: 'DEFAULT_NEXT_MONTH',
      id: 'ID',
      limitColumn: 'LIMIT_BAL',
      split: { kind: 'mod5' },
      model: 'deep',
      backend: 'webgpu',
      deep: { epochs: 2 },
    });
    const { report: r } = await thread.result;
    jobs.push({ testAuc: r.test?.auc, seconds: r.trainSeconds, backend: r.backendDetail });
    log(`threads: job ${job} on ${r.backendDetail}: test AUC ${r.test?.auc?.toFixed(4)}`);
  }
  return { probes, jobs };
});

// One thread loading webgpu, another backend, then webgpu again (the bench and a CLI session do).
await section('webgpuReload', async () => {
  const details = [await use('webgpu'), await use('wasm'), await use('webgpu')];
  const t = await timeEpochs(taiwan.train, taiwan.validation, { batchSize: 4096 });
  return { details, secondsPerEpoch: t.second, backendAtEnd: tf.getBackend() };
});

await section('deepEpochsWebgpu', () =>
  epochTimings(
    'webgpu',
    quick
      ? [{ ...synth(50_000), batchSizes: [256, 4096] }, taiwanRun([256])]
      : [{ ...synth(100_000), batchSizes: [256, 4096, 65536] }, { ...synth(1_000_000), batchSizes: [4096, 65536] }, taiwanRun([256, 4096])],
  ),
);

await section('deepEpochsWasm', () =>
  epochTimings('wasm', quick ? [taiwanRun([256])] : [{ ...synth(100_000), batchSizes: [4096] }, taiwanRun([256])]),
);

// The Taiwan rows alone on both backends, at the default batch size and a large one.
await section('deepEpochsTaiwan', async () => ({
  webgpu: await epochTimings('webgpu', [taiwanRun([256, 4096])]),
  wasm: await epochTimings('wasm', [taiwanRun([256, 4096])]),
}));

await section('webgpuReproducible', async () => {
  await use('webgpu');
  const options = { batchSize: 256, epochs: 2, patience: 5, seed: 11 };
  const a = await trainDeep(taiwan.train, taiwan.validation, options);
  const b = await trainDeep(taiwan.train, taiwan.validation, options);
  const differing = Object.keys(a.state.weights).filter((k) => a.state.weights[k]!.data !== b.state.weights[k]!.data);
  // The lean scorer (SIMD wasm on the CPU) and tfjs on WebGPU read the same weights: their logits
  // should agree to float32 rounding.
  const onGpu = await tfDeepLogits(a.state, taiwan.test, 65536);
  const lean = new DeepBatchScorer(a.state).logits(taiwan.test);
  const leanB = new DeepBatchScorer(b.state).logits(taiwan.test);
  return {
    identicalWeights: differing.length === 0,
    differingTensors: differing,
    runToRunMaxAbsLogitDiff: maxAbsDiff(lean, leanB),
    runToRunValLoss: [a.state.training.history.at(-1)?.valLoss, b.state.training.history.at(-1)?.valLoss],
    scorerVsWebgpuMaxAbsLogitDiff: maxAbsDiff(onGpu, lean),
    rows: taiwan.test.n,
  };
});

await section('taiwanDeepModel', async () => {
  const read = await readCsvFile(taiwanCsv);
  const options = {
    target: 'DEFAULT_NEXT_MONTH',
    id: 'ID',
    limitColumn: 'LIMIT_BAL',
    split: { kind: 'mod5' as const },
    model: 'deep' as const,
  };
  const results: Record<string, unknown> = {};
  // The same model at batch 4,096 on each backend (quality parity where WebGPU is fast), and the
  // automatic choice at the default batch size.
  const runs: { name: string; backend?: string; batchSize?: number }[] = quick
    ? [{ name: 'webgpu-4096', backend: 'webgpu', batchSize: 4096 }]
    : [
        { name: 'webgpu-4096', backend: 'webgpu', batchSize: 4096 },
        { name: 'wasm-4096', backend: 'wasm', batchSize: 4096 },
        { name: 'automatic-default-batch' },
      ];
  for (const run of runs) {
    const fit = await trainModel(read.table, {
      ...options,
      ...(run.backend ? { backend: run.backend } : {}),
      ...(run.batchSize ? { deep: { batchSize: run.batchSize } } : {}),
    });
    const deep = fit.report.deep?.[0];
    results[run.name] = {
      testAuc: fit.report.test?.auc,
      trainSeconds: fit.report.trainSeconds,
      epochs: deep?.epochsRun,
      deepSeconds: deep?.seconds,
      backend: fit.report.backendDetail,
    };
    log(`taiwan deep ${run.name}: test AUC ${fit.report.test?.auc?.toFixed(4)} in ${fit.report.trainSeconds.toFixed(1)} s`);
    save();
  }
  return { split: 'mod5 (test = ID % 5 == 0)', results };
});

await section('logistic', async () => {
  const rows = quick ? 100_000 : 1_000_000;
  const problem = syntheticLogistic(rows, 32);
  const dir = join(work, 'logistic');
  mkdirSync(dir, { recursive: true });
  writeProblem(dir, problem, 1);
  const runs: { seconds: number; iterations: number; threads: number; logLikelihood: number }[] = [];
  for (let r = 0; r < 3; r++) {
    const started = performance.now();
    const fit = await fitLogistic(problem.design, problem.labels, { lambda: 1 });
    runs.push({
      seconds: (performance.now() - started) / 1000,
      iterations: fit.iterations,
      threads: fit.threads,
      logLikelihood: fit.logLikelihood,
    });
  }
  const seconds = runs.map((r) => r.seconds).sort((x, y) => x - y);
  return {
    rows,
    columns: 32,
    lambda: 1,
    problemDir: dir,
    medianSeconds: seconds[1],
    runs,
    solver: 'Newton-Raphson (IRLS), SIMD WebAssembly kernels on worker threads',
  };
});

report.finishedAt = new Date().toISOString();
report.tfBackendAtEnd = tf.getBackend();
save();
log(`wrote ${out}`);
process.exit(0);
