// The batched deep scorer: a model state in once; logits and Integrated Gradients for batches of rows
// out, through the SIMD float32 kernels (kernels.wat) in one shared WebAssembly memory. Two ways to
// run: on this thread (`logits`, `explain`), or on worker threads (`submit`, and `logitsParallel` /
// `explainParallel` over it), two batches in flight so that this thread encodes the next batch and
// reads back the last while the workers compute. No TensorFlow.js; the float64 LeanDeepNetwork is
// the reference the tests hold it to.
import { DEEP_KERNELS_WASM_BASE64 } from './kernels-binary.ts';
import { assertMatchesSchema, validateDeepDataset } from '../dataset-check.ts';
import { rankGaussValue } from '../input-transform.ts';
import type { DeepDataset, DeepModelState } from '../types.ts';
import { wasmApi, type WasmMemory, type WasmModule } from '../../util/wasm/wasm-api.ts';
import { planDeepNetwork, type DeepPlan } from './batch-plan.ts';
import { DeepWorkerPool } from './pool.ts';
import { DeepRunner, memoryLayout, slotViews, type DeepKernelExports, type DeepMemoryLayout, type ExplainSettings } from './runner.ts';

export interface DeepBatchOptions {
  /** Rows per batch (the shared input block). Default 4,096. */
  batchSize?: number;
  /** Worker threads for `submit` and the parallel calls. Default 1. */
  threads?: number;
  /** Points (rows, or quadrature points of rows) per pass through the network. Default 512. */
  points?: number;
  /** Integrated Gradients: completeness gap to reach (default 1e-4), first and largest node counts (16, 1024). */
  tolerance?: number;
  minSteps?: number;
  maxSteps?: number;
}

export interface DeepBatchExplanation {
  logit: Float64Array;
  /** Row-major rows x features (`DeepBatchScorer.features` order); each row sums to logit - baselineLogit within gap. */
  attributions: Float64Array;
  gap: Float64Array;
  steps: Int32Array;
}

let compiled: WasmModule | null = null;

export function deepKernelsModule(): WasmModule {
  compiled ??= new wasmApi.Module(Buffer.from(DEEP_KERNELS_WASM_BASE64, 'base64'));
  return compiled;
}

export function instantiateDeepKernels(memory: WasmMemory): DeepKernelExports {
  return new wasmApi.Instance(deepKernelsModule(), { env: { memory } }).exports as unknown as DeepKernelExports;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`deep batch scorer: ${name} must be a positive integer, got ${value}`);
  return value;
}

function checkTolerance(tolerance: number): number {
  if (!(tolerance > 0)) throw new Error(`deep batch scorer: tolerance must be > 0, got ${tolerance}`);
  return tolerance;
}

/** Everything a worker thread needs to run its share (structured-cloneable; the memory is shared). */
export interface DeepShared {
  memory: WasmMemory;
  module: WasmModule;
  plan: DeepPlan;
  layout: DeepMemoryLayout;
  settings: ExplainSettings;
}

const SLOTS = 2;

export class DeepBatchScorer {
  readonly state: DeepModelState;
  readonly plan: DeepPlan;
  readonly layout: DeepMemoryLayout;
  readonly threads: number;
  private readonly memory: WasmMemory;
  private readonly settings: ExplainSettings;
  private readonly runner: DeepRunner;
  private pool: DeepWorkerPool | null = null;
  /** Work in flight per slot (the slot is free when it settles). */
  private readonly busy: (Promise<unknown> | null)[] = new Array<Promise<unknown> | null>(SLOTS).fill(null);
  private nextSlot = 0;

  constructor(state: DeepModelState, options: DeepBatchOptions = {}) {
    const batchSize = positiveInteger('batchSize', options.batchSize ?? 4096);
    this.threads = positiveInteger('threads', options.threads ?? 1);
    const points = positiveInteger('points', options.points ?? 512);
    const settings: ExplainSettings = {
      tolerance: checkTolerance(options.tolerance ?? 1e-4),
      minSteps: options.minSteps ?? 16,
      maxSteps: options.maxSteps ?? 1024,
    };
    if (!Number.isInteger(settings.minSteps) || settings.minSteps < 1 || !(settings.maxSteps >= settings.minSteps)) {
      throw new Error('deep batch scorer: need 1 <= minSteps <= maxSteps');
    }
    this.state = state;
    this.settings = settings;
    const { plan, image } = planDeepNetwork(state);
    this.plan = plan;
    // Scratch for this thread (0) and each worker (1..threads).
    this.layout = memoryLayout(plan, image.length, {
      batchSize,
      threads: this.threads + 1,
      slots: SLOTS,
      points,
      maxSteps: settings.maxSteps,
    });
    const pages = Math.ceil(this.layout.bytes / 65536);
    if (pages > 65536) {
      throw new Error(
        `deep batch scorer: batches of ${batchSize} rows need ${Math.round(this.layout.bytes / 2 ** 20)} MB of WebAssembly memory, more than its 4 GB: use a smaller batch size`,
      );
    }
    this.memory = new wasmApi.Memory({ initial: pages, maximum: pages, shared: true });
    new Uint8Array(this.memory.buffer, this.layout.weightsAt, image.length).set(image);
    this.runner = new DeepRunner(instantiateDeepKernels(this.memory), this.memory, plan, this.layout, 0, settings);
  }

  /** Original features of the attributions, in order. */
  get features(): string[] {
    return this.plan.features;
  }

  get baselineLogit(): number {
    return this.runner.baselineLogit;
  }

  get batchSize(): number {
    return this.layout.batchSize;
  }

  private check(ds: DeepDataset): void {
    validateDeepDataset(ds, 'scoring data');
    assertMatchesSchema(ds, this.state.schema, 'scoring data');
  }

  /** Writes dataset rows [from, from + count) into a slot's input block as padded x rows. */
  private encode(ds: DeepDataset, from: number, count: number, slot: number): void {
    const { plan, layout, memory } = this;
    const width = plan.xWidth;
    const input = slotViews(memory, plan, layout, slot).input;
    const d = plan.denseDim;
    // The model's own input transform (rank-gauss), as training applied it.
    const transform = this.state.inputTransform;
    const tables = plan.embeddings.map((e) => new Float32Array(memory.buffer, layout.weightsAt + e.tableAt, e.cardinality * e.dim));
    for (let i = 0; i < count; i++) {
      const r = from + i;
      const row = i * width;
      if (transform)
        for (let j = 0; j < d; j++) input[row + j] = rankGaussValue(transform.knots[j]!, transform.scores[j]!, ds.dense[r * d + j]!);
      else input.set(ds.dense.subarray(r * d, (r + 1) * d), row);
      for (let c = 0; c < plan.embeddings.length; c++) {
        const { at, dim } = plan.embeddings[c]!;
        const code = ds.categorical[c]!.codes[r]!;
        input.set(tables[c]!.subarray(code * dim, (code + 1) * dim), row + at);
      }
      for (let g = 0; g < plan.sequences.length; g++) {
        const { at, cells } = plan.sequences[g]!;
        input.set(ds.sequences[g]!.values.subarray(r * cells, (r + 1) * cells), row + at);
      }
    }
  }

  /** Copies of a slot's outputs for its first `count` rows. */
  private collect(slot: number, count: number): DeepBatchExplanation {
    const views = slotViews(this.memory, this.plan, this.layout, slot);
    return {
      logit: views.logit.slice(0, count),
      attributions: views.attributions.slice(0, count * this.plan.features.length),
      gap: views.gap.slice(0, count),
      steps: views.steps.slice(0, count),
    };
  }

  private assertIdle(): void {
    if (this.busy.some((work) => work !== null))
      throw new Error('deep batch scorer: a synchronous call while submitted batches are running');
  }

  /** Logits of every row, on this thread. */
  logits(ds: DeepDataset): Float64Array {
    this.check(ds);
    this.assertIdle();
    const out = new Float64Array(ds.n);
    for (let from = 0; from < ds.n; from += this.batchSize) {
      const count = Math.min(this.batchSize, ds.n - from);
      this.encode(ds, from, count, 0);
      this.runner.score(0, 0, count);
      out.set(slotViews(this.memory, this.plan, this.layout, 0).logit.subarray(0, count), from);
    }
    return out;
  }

  /** Logits and Integrated Gradients of every row, on this thread (`tolerance`: the completeness gap to reach). */
  explain(ds: DeepDataset, tolerance = this.settings.tolerance): DeepBatchExplanation {
    this.check(ds);
    this.assertIdle();
    checkTolerance(tolerance);
    const parts: DeepBatchExplanation[] = [];
    for (let from = 0; from < ds.n; from += this.batchSize) {
      const count = Math.min(this.batchSize, ds.n - from);
      this.encode(ds, from, count, 0);
      this.runner.explain(0, 0, count, tolerance);
      parts.push(this.collect(0, count));
    }
    return joinExplanations(parts, this.plan.features.length);
  }

  /** d logit / d x for every row, in the lean network's x layout (for the tests of the backward pass). */
  inputGradients(ds: DeepDataset): Float64Array {
    this.check(ds);
    this.assertIdle();
    const width = this.plan.paddedOf.length;
    const out = new Float64Array(ds.n * width);
    for (let from = 0; from < ds.n; from += this.batchSize) {
      const count = Math.min(this.batchSize, ds.n - from);
      this.encode(ds, from, count, 0);
      for (let r = 0; r < count; r++) {
        const g = this.runner.gradient(r);
        for (let m = 0; m < width; m++) out[(from + r) * width + m] = g[this.plan.paddedOf[m]!]!;
      }
    }
    return out;
  }

  /**
   * Runs up to `batchSize` rows on the worker threads: encodes them into the next slot once its
   * previous batch is done, and resolves with their logits and, when `explain`, their attributions.
   * Submit the next batch before awaiting this one to keep the workers busy.
   */
  submit(ds: DeepDataset, options: { explain: boolean; tolerance?: number }): Promise<DeepBatchExplanation> {
    this.check(ds);
    return this.enqueue(ds, options.explain, checkTolerance(options.tolerance ?? this.settings.tolerance));
  }

  /** Starts the worker threads (otherwise started by the first `submit`); resolves once they have loaded. */
  async warm(): Promise<void> {
    await this.workerPool().ready();
  }

  private workerPool(): DeepWorkerPool {
    return (this.pool ??= new DeepWorkerPool(this.threads, {
      memory: this.memory,
      module: deepKernelsModule(),
      plan: this.plan,
      layout: this.layout,
      settings: this.settings,
    }));
  }

  private enqueue(ds: DeepDataset, explain: boolean, tolerance: number): Promise<DeepBatchExplanation> {
    if (ds.n > this.batchSize) throw new Error(`deep batch scorer: ${ds.n} rows in one batch, more than batchSize ${this.batchSize}`);
    const slot = this.nextSlot;
    this.nextSlot = (slot + 1) % SLOTS;
    const previous = this.busy[slot];
    const pool = this.workerPool();
    const work = (async () => {
      // The slot's previous batch must be read back first (its caller saw any failure).
      await previous?.catch(() => undefined);
      this.encode(ds, 0, ds.n, slot);
      await pool.run({ kind: explain ? 'explain' : 'score', slot, rows: ds.n, tolerance });
      return this.collect(slot, ds.n);
    })();
    this.busy[slot] = work;
    const release = () => {
      if (this.busy[slot] === work) this.busy[slot] = null;
    };
    work.then(release, release);
    return work;
  }

  /** As `logits`, on the worker threads, any number of rows. */
  async logitsParallel(ds: DeepDataset): Promise<Float64Array> {
    return (await this.parallel(ds, false)).logit;
  }

  /** As `explain`, on the worker threads, any number of rows. */
  async explainParallel(ds: DeepDataset, tolerance = this.settings.tolerance): Promise<DeepBatchExplanation> {
    return this.parallel(ds, true, tolerance);
  }

  private async parallel(ds: DeepDataset, explain: boolean, tolerance = this.settings.tolerance): Promise<DeepBatchExplanation> {
    this.check(ds);
    checkTolerance(tolerance);
    const pending: Promise<DeepBatchExplanation>[] = [];
    for (let from = 0; from < ds.n; from += this.batchSize)
      pending.push(this.enqueue(sliceRows(ds, from, Math.min(ds.n, from + this.batchSize)), explain, tolerance));
    return joinExplanations(await Promise.all(pending), this.plan.features.length);
  }

  /** Stops the worker threads (the scorer stays usable; they start again when needed). */
  async close(): Promise<void> {
    await Promise.all(this.busy.filter((work) => work !== null).map((work) => work.catch(() => undefined)));
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }
}

function joinExplanations(parts: DeepBatchExplanation[], features: number): DeepBatchExplanation {
  if (parts.length === 1) return parts[0]!;
  const n = parts.reduce((sum, p) => sum + p.logit.length, 0);
  const out: DeepBatchExplanation = {
    logit: new Float64Array(n),
    attributions: new Float64Array(n * features),
    gap: new Float64Array(n),
    steps: new Int32Array(n),
  };
  let at = 0;
  for (const p of parts) {
    out.logit.set(p.logit, at);
    out.attributions.set(p.attributions, at * features);
    out.gap.set(p.gap, at);
    out.steps.set(p.steps, at);
    at += p.logit.length;
  }
  return out;
}

/** Rows [from, to) of a dataset as views. */
function sliceRows(ds: DeepDataset, from: number, to: number): DeepDataset {
  return {
    n: to - from,
    dense: ds.dense.subarray(from * ds.denseDim, to * ds.denseDim),
    denseDim: ds.denseDim,
    denseFeatures: ds.denseFeatures,
    categorical: ds.categorical.map((c) => ({ ...c, codes: c.codes.subarray(from, to) })),
    sequences: ds.sequences.map((s) => ({ ...s, values: s.values.subarray(from * s.steps * s.channels, to * s.steps * s.channels) })),
  };
}
