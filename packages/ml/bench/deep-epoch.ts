// Deep model benchmark: seconds per training epoch on each backend that loads, on synthetic data
// (100k x 32 dense + one 6 x 3 sequence) and on the Taiwan training rows, plus the batched scorer's
// rows per second and the cost of an Integrated Gradients explanation.
// Run: nice -n 10 npx tsx bench/deep-epoch.ts [--backends wasm,cpu] [--rows 100000] > deep-epoch.json
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { backendNames, selectBackend } from '../src/backend/select.ts';
import { taiwanCsvPath, taiwanDatasets } from '../src/deep/dev/taiwan.ts';
import { DeepBatchScorer } from '../src/deep/wasm/deep-batch.ts';
import { sliceDeepDataset, syntheticDeepDataset } from '../src/deep/synthetic.ts';
import { trainDeep } from '../src/deep/train.ts';
import type { DeepDataset, DeepModelState, DeepOptions } from '../src/deep/types.ts';

export interface DeepEpochBenchOptions {
  /** Backends to try (default: all four); the ones that cannot load are listed as skipped. */
  backends?: string[];
  /** Synthetic training rows (default 100,000; the cpu backend gets a tenth, reported as such). */
  syntheticRows?: number;
  /** Taiwan CSV; the Taiwan part is skipped when the file is absent. */
  taiwanCsv?: string;
  /** Batch sizes to time (default 256 and 4096). */
  batchSizes?: number[];
  /** Report progress lines on stderr. */
  log?: (line: string) => void;
}

interface EpochTiming {
  data: string;
  rows: number;
  batchSize: number;
  /** First epoch: includes kernel compilation and warm-up. */
  firstEpochSeconds: number;
  /** Second epoch: the steady-state figure to quote. */
  secondsPerEpoch: number;
  /** CPU seconds of this process in the second epoch (robust when other jobs share the cores). */
  cpuSecondsPerEpoch: number;
}

export const syntheticSpec = (rows: number) => ({
  n: rows,
  denseDim: 32,
  sequences: [{ steps: 6, channels: 3 }],
  seed: 3,
});

export async function timeEpochs(
  train: DeepDataset,
  validation: DeepDataset,
  options: DeepOptions,
): Promise<{ first: number; second: number; cpu: number; state: DeepModelState }> {
  const seconds: number[] = [];
  const cpu: number[] = [];
  const cpuNow = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  // Patience above the epoch count: both epochs always run.
  const result = await trainDeep(
    train,
    validation,
    { ...options, epochs: 2, patience: 5 },
    {
      onEpoch: (e) => {
        seconds.push(e.seconds);
        cpu.push(cpuNow());
      },
    },
  );
  return { first: seconds[0]!, second: seconds[1]!, cpu: cpu[1]! - cpu[0]!, state: result.state };
}

function scorerRate(state: DeepModelState, ds: DeepDataset): number {
  const scorer = new DeepBatchScorer(state);
  scorer.logits(sliceDeepDataset(ds, 0, Math.min(ds.n, 2000))); // warm up
  const start = performance.now();
  scorer.logits(ds);
  return ds.n / ((performance.now() - start) / 1000);
}

function explainCost(state: DeepModelState, ds: DeepDataset, rows: number): { msPerRow: number; meanSteps: number; maxGap: number } {
  const scorer = new DeepBatchScorer(state);
  const part = sliceDeepDataset(ds, 0, Math.min(rows, ds.n));
  const start = performance.now();
  const out = scorer.explain(part);
  return {
    msPerRow: (performance.now() - start) / part.n,
    meanSteps: out.steps.reduce((a, s) => a + s, 0) / part.n,
    maxGap: Math.max(...out.gap),
  };
}

export async function runDeepEpochBench(options: DeepEpochBenchOptions = {}) {
  const log = options.log ?? (() => {});
  const rows = options.syntheticRows ?? 100_000;
  const batchSizes = options.batchSizes ?? [256, 4096];
  const csv = options.taiwanCsv ?? taiwanCsvPath;
  const synthetic = syntheticDeepDataset(syntheticSpec(rows + 10_000));
  const synthTrain = sliceDeepDataset(synthetic, 0, rows);
  const synthVal = sliceDeepDataset(synthetic, rows, rows + 10_000);
  const taiwan = existsSync(csv) ? taiwanDatasets(csv) : null;

  const backends: { name: string; detail: string; timings: EpochTiming[] }[] = [];
  const skipped: { name: string; reason: string }[] = [];
  let lastState: DeepModelState | null = null;
  for (const name of options.backends ?? backendNames) {
    let detail: string;
    try {
      detail = (await selectBackend(name)).detail;
    } catch (e) {
      skipped.push({ name, reason: (e as Error).message });
      log(`skip ${name}: ${(e as Error).message}`);
      continue;
    }
    const timings: EpochTiming[] = [];
    // The cpu backend is ~10x slower than wasm: time it on a tenth of the rows.
    const n = name === 'cpu' ? Math.max(1000, Math.floor(rows / 10)) : rows;
    const train = n === rows ? synthTrain : sliceDeepDataset(synthTrain, 0, n);
    for (const batchSize of batchSizes) {
      const t = await timeEpochs(train, synthVal, { batchSize });
      timings.push({
        data: `synthetic ${n} x 32 dense + 6x3 sequence`,
        rows: n,
        batchSize,
        firstEpochSeconds: t.first,
        secondsPerEpoch: t.second,
        cpuSecondsPerEpoch: t.cpu,
      });
      log(`${name} synthetic n=${n} batch=${batchSize}: ${t.second.toFixed(2)} s/epoch (${t.cpu.toFixed(2)} s CPU)`);
      lastState = t.state;
    }
    if (taiwan) {
      for (const batchSize of batchSizes) {
        const t = await timeEpochs(taiwan.train, taiwan.validation, { batchSize });
        timings.push({
          data: 'taiwan training rows',
          rows: taiwan.train.n,
          batchSize,
          firstEpochSeconds: t.first,
          secondsPerEpoch: t.second,
          cpuSecondsPerEpoch: t.cpu,
        });
        log(`${name} taiwan n=${taiwan.train.n} batch=${batchSize}: ${t.second.toFixed(2)} s/epoch (${t.cpu.toFixed(2)} s CPU)`);
      }
    }
    backends.push({ name, detail, timings });
  }

  const lean = lastState
    ? {
        scorerRowsPerSecond: scorerRate(lastState, synthVal),
        integratedGradients: explainCost(lastState, synthVal, 2000),
        note: 'batched SIMD scorer and Integrated Gradients on one core, model of the last synthetic run',
      }
    : null;
  return {
    bench: 'deep-epoch',
    host: { cpus: availableParallelism(), loadAverage: loadavg(), node: process.version },
    model: 'default architecture: MLP [64, 32] swish, dropout 0.1, conv 3x16 flatten, wide term, Adam',
    backends,
    skipped,
    lean,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const arg = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const report = await runDeepEpochBench({
    backends: arg('--backends')?.split(','),
    syntheticRows: arg('--rows') ? Number(arg('--rows')) : undefined,
    taiwanCsv: arg('--taiwan'),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
