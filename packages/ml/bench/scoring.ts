/**
 * Scoring speed next to numpy, side by side in one run: one repetition of ours, then one of numpy's
 * (a long-lived Python process holding the same data), alternating, and the median of each side.
 * Load from other jobs on a shared machine then hits both sides alike. Timing the two sides one after
 * the other, seconds apart, is what made the logistic ratio swing between 0.30 and 0.52.
 *
 * - logistic: the scorer's hot path (float32 design in, log-odds and PDs out) vs numpy's X @ w and sigmoid;
 * - deep forward pass on the Taiwan rows vs the same network in float32 numpy;
 * - deep forward pass plus Integrated Gradients (16 Gauss-Legendre nodes, top-5 reasons) vs numpy's
 *   batched forward and backward passes over the same quadrature points;
 * - `probity-ml score --explain 5` end to end on 1,000,000 Taiwan-shaped rows with a fusion model, on
 *   every core (bench/cli-score.ts in a child process): rows per second and peak memory.
 * numpy runs on one thread (OPENBLAS_NUM_THREADS=1); so do ours, except end to end.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Table } from '../src/data/table.ts';
import { DeepBatchScorer } from '../src/deep/wasm/deep-batch.ts';
import type { DesignMatrix } from '../src/pipeline/design-matrix.ts';
import { designScores } from '../src/logistic/logits.ts';
import { memberState } from '../src/model-file/parts.ts';
import type { ModelFile } from '../src/model-file/types.ts';
import { buildDeepDataset } from '../src/pipeline/deep-dataset.ts';
import { topReasons } from '../src/scorer/batch/top-reasons.ts';
import { ModelScorer } from '../src/scorer/model-scorer.ts';
import { PythonSession } from './python.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export interface SideBySide {
  rows: number;
  oursRowsPerSecond: number;
  numpyRowsPerSecond: number;
  /** Ours / numpy, in rows per second (medians of the alternating repetitions). */
  ratio: number;
  oursSeconds: number[];
  numpySeconds: number[];
}

/** One warm-up each, then `repeats` rounds of (ours, numpy). */
async function sideBySide(rows: number, repeats: number, ours: () => unknown, numpy: () => Promise<number>): Promise<SideBySide> {
  ours();
  await numpy();
  const oursSeconds: number[] = [];
  const numpySeconds: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    ours();
    oursSeconds.push((performance.now() - start) / 1000);
    numpySeconds.push(await numpy());
  }
  const oursRowsPerSecond = rows / median(oursSeconds);
  const numpyRowsPerSecond = rows / median(numpySeconds);
  return { rows, oursRowsPerSecond, numpyRowsPerSecond, ratio: oursRowsPerSecond / numpyRowsPerSecond, oursSeconds, numpySeconds };
}

/** What the scoring benchmark measures (each part only when its inputs were available). */
export interface ScoringResults {
  numpy?: string;
  logistic?: SideBySide & { columns: number; note: string };
  deep?: SideBySide & { note: string };
  deepExplain?: SideBySide & {
    nodes: { min: number; max: number };
    largestGap: number;
    agreement: { maxAbsAttributionDifference: number; [figure: string]: number };
    note: string;
  };
  logisticEndToEnd?: { rows: number; rowsPerSecond: number; note: string };
  cli?: CliEndToEnd;
}

interface CliEndToEnd {
  rows: number;
  rowsWritten: number;
  threads: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMegabytes: number;
  rowsPerSecond: number;
  command: string;
}

export interface ScoringContext {
  work: string;
  repeats: number;
  log(line: string): void;
  /** The logistic scoring problem: a float32 design in WebAssembly memory, and X.f32 + w.f32 in `dir`. */
  logistic: { design: DesignMatrix; dir: string; coef: Float64Array; intercept: number } | null;
  /** A fusion model trained on the Taiwan data, its file, and the Taiwan table. */
  taiwan: { model: ModelFile; logistic: ModelFile; modelFile: string; table: Table; csv: string } | null;
}

export async function scoringBench(ctx: ScoringContext): Promise<ScoringResults> {
  const out: ScoringResults = {};
  const python = new PythonSession(1);
  const time = async (what: string, rows?: number) => (await python.send<{ seconds: number }>({ op: 'time', what, rows })).seconds;
  try {
    if (ctx.logistic) {
      const { design, dir, coef, intercept } = ctx.logistic;
      ctx.log(`scoring: logistic, ${design.rows} x ${design.denseDim} float32, one core, alternating with numpy`);
      out.numpy = (await python.send<{ numpy: string }>({ op: 'load-logistic', dir, weights: join(dir, 'w.f32') })).numpy;
      out.logistic = {
        ...(await sideBySide(
          design.rows,
          ctx.repeats,
          () => designScores(design, coef, intercept),
          () => time('logistic'),
        )),
        columns: design.denseDim,
        note: 'the logistic scorer hot path (float32 design in; log-odds and PD out, float64 sums); numpy: float32 X @ w and sigmoid',
      };
    }
    if (ctx.taiwan) {
      const { model, modelFile, table } = ctx.taiwan;
      const state = memberState(model.model, 'deep')!;
      const ds = buildDeepDataset(model.pipeline, table);
      const dir = join(ctx.work, 'deep');
      mkdirSync(dir, { recursive: true });
      const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      writeFileSync(join(dir, 'dense.f32'), bytes(ds.dense));
      ds.categorical.forEach((c, i) => writeFileSync(join(dir, `codes${i}.i32`), bytes(c.codes)));
      ds.sequences.forEach((s, g) => writeFileSync(join(dir, `seq${g}.f32`), bytes(s.values)));
      writeFileSync(
        join(dir, 'meta.json'),
        JSON.stringify({ rows: ds.n, denseDim: ds.denseDim, categorical: ds.categorical.length, sequences: ds.sequences.length }),
      );
      const top = 5;
      const loaded = await python.send<{ features: string[] }>({ op: 'load-deep', dir, model: modelFile, nodes: 16, top });
      const scorer = new DeepBatchScorer(state);
      if (loaded.features.join('\n') !== scorer.features.join('\n')) throw new Error('numpy and ours disagree on the deep features');

      ctx.log(`scoring: deep forward pass, ${ds.n} Taiwan rows, one core, alternating with numpy`);
      out.deep = {
        ...(await sideBySide(
          ds.n,
          ctx.repeats,
          () => scorer.logits(ds),
          () => time('deep-forward', ds.n),
        )),
        note: 'ours: batched float32 SIMD WebAssembly (the rows validated and encoded included); numpy: float32 matrix products from the encoded rows',
      };

      const rows = Math.min(5000, ds.n);
      const part = buildDeepDataset(model.pipeline, table, { rows: Int32Array.from({ length: rows }, (_, i) => i) });
      const F = scorer.features.length;
      ctx.log(`scoring: deep forward pass + Integrated Gradients (16 nodes) + top-${top} reasons, ${rows} rows, one core`);
      let explained = scorer.explain(part);
      const ig = await sideBySide(
        rows,
        ctx.repeats,
        () => {
          explained = scorer.explain(part);
          return topReasons(explained.attributions, rows, F, top);
        },
        () => time('deep-explain', rows),
      );
      writeFileSync(join(dir, 'ours-logits.f64'), bytes(explained.logit));
      writeFileSync(join(dir, 'ours-attributions.f64'), bytes(explained.attributions));
      const agreement = await python.send<NonNullable<ScoringResults['deepExplain']>['agreement']>({ op: 'compare-deep', dir, rows });
      out.deepExplain = {
        ...ig,
        nodes: { min: Math.min(...explained.steps), max: Math.max(...explained.steps) },
        largestGap: Math.max(...explained.gap),
        agreement,
        note: 'ours: completeness-checked (gap <= 1e-4, else more nodes); numpy: 16 nodes, 256 rows (4,096 points) a pass, its fastest',
      };

      ctx.log('scoring: logistic end to end from raw Taiwan rows (pipeline + model), one core');
      const endToEnd = new ModelScorer(ctx.taiwan.logistic);
      const seconds: number[] = [];
      for (let i = 0; i < ctx.repeats; i++) {
        const start = performance.now();
        endToEnd.score(table);
        seconds.push((performance.now() - start) / 1000);
      }
      out.logisticEndToEnd = {
        rows: table.rowCount,
        rowsPerSecond: table.rowCount / median(seconds),
        note: 'raw CSV columns in, calibrated PD out',
      };
    }
  } finally {
    python.close();
  }
  if (ctx.taiwan) out.cli = cliEndToEnd(ctx, ctx.taiwan);
  return out;
}

/** `score --explain 5` on 1,000,000 rows made of the Taiwan rows repeated (new ids), in a child process. */
function cliEndToEnd(ctx: ScoringContext, taiwan: NonNullable<ScoringContext['taiwan']>): CliEndToEnd {
  const rows = 1_000_000;
  const threads = availableParallelism();
  const [header, ...lines] = readFileSync(taiwan.csv, 'utf8').trimEnd().split('\n');
  const csv = join(ctx.work, 'taiwan-1m.csv');
  const chunks: string[] = [`${header}\n`];
  for (let i = 0; i < rows; i++) {
    const line = lines[i % lines.length]!;
    chunks.push(`${i + 1}${line.slice(line.indexOf(','))}\n`);
  }
  writeFileSync(csv, chunks.join(''));
  const scores = join(ctx.work, 'taiwan-1m-scores.csv');
  ctx.log(`scoring: probity-ml score --explain 5 on ${rows} Taiwan-shaped rows, fusion model, ${threads} threads (child process)`);
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(HERE, 'cli-score.ts'), taiwan.modelFile, csv, scores, String(threads)],
    { encoding: 'utf8', maxBuffer: 16 << 20 },
  );
  const written = child.status === 0 ? readFileSync(scores, 'utf8').split('\n').length - 2 : 0;
  rmSync(csv, { force: true });
  rmSync(scores, { force: true });
  if (child.status !== 0) throw new Error(`cli-score failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout) as { seconds: number; cpuSeconds: number; peakRssMegabytes: number };
  return {
    rows,
    rowsWritten: written,
    threads,
    ...result,
    rowsPerSecond: rows / result.seconds,
    command: `probity-ml score --model fusion.json --data taiwan-1m.csv --out scores.csv --explain 5 --threads ${threads}`,
  };
}
