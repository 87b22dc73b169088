// The batched deep scorer: a model state in once; logits and Integrated Gradients for batches of rows
// out, through the SIMD float32 kernels (kernels.wat) in one shared WebAssembly memory, on this thread
// or split over worker threads. No TensorFlow.js; the float64 LeanDeepNetwork is the reference the
// tests hold it to.
import { DEEP_KERNELS_WASM_BASE64 } from './kernels-binary.ts';
import { assertMatchesSchema, validateDeepDataset } from '../dataset-check.ts';
import type { DeepDataset, DeepModelState } from '../types.ts';
import { wasmApi, type WasmMemory, type WasmModule } from '../../util/wasm/wasm-api.ts';
import { planDeepNetwork, type DeepPlan } from './batch-plan.ts';
import { DeepRunner, memoryLayout, type DeepKernelExports, type DeepMemoryLayout, type ExplainSettings } from './runner.ts';
import { DeepWorkerPool } from './pool.ts';

export interface DeepBatchOptions {
  /** Rows encoded and scored per call of the kernels (the shared input block). Default 4,096. */
  batchSize?: number;
  /** Threads in all, this one included. Default 1; more start worker threads on first async use. */
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

/** Everything a worker thread needs to run its share (structured-cloneable; the memory is shared). */
export interface DeepShared {
  memory: WasmMemory;
  module: WasmModule;
  plan: DeepPlan;
  layout: DeepMemoryLayout;
  settings: ExplainSettings;
}

export class DeepBatchScorer {
  readonly state: DeepModelState;
  readonly plan: DeepPlan;
  readonly layout: DeepMemoryLayout;
  readonly threads: number;
  private readonly memory: WasmMemory;
  private readonly settings: ExplainSettings;
  private readonly runner: DeepRunner;
  private pool: DeepWorkerPool | null = null;

  constructor(state: DeepModelState, options: DeepBatchOptions = {}) {
    const batchSize = positiveInteger('batchSize', options.batchSize ?? 4096);
    this.threads = positiveInteger('threads', options.threads ?? 1);
    const points = positiveInteger('points', options.points ?? 512);
    const settings: ExplainSettings = {
      tolerance: options.tolerance ?? 1e-4,
      minSteps: options.minSteps ?? 16,
      maxSteps: options.maxSteps ?? 1024,
    };
    if (
      !(settings.tolerance > 0) ||
      !Number.isInteger(settings.minSteps) ||
      settings.minSteps < 1 ||
      !(settings.maxSteps >= settings.minSteps)
    ) {
      throw new Error('deep batch scorer: need tolerance > 0 and 1 <= minSteps <= maxSteps');
    }
    this.state = state;
    this.settings = settings;
    const { plan, image } = planDeepNetwork(state);
    this.plan = plan;
    this.layout = memoryLayout(plan, image.length, batchSize, this.threads, points, settings.maxSteps);
    const pages = Math.ceil(this.layout.bytes / 65536);
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

  /** Writes dataset rows [from, from + count) into the input block as padded x rows. */
  private encode(ds: DeepDataset, from: number, count: number): void {
    const { plan, layout, memory } = this;
    const width = plan.xWidth;
    const input = new Float32Array(memory.buffer, layout.inputAt, layout.batchSize * width);
    const d = plan.denseDim;
    const tables = plan.embeddings.map((e) => new Float32Array(memory.buffer, layout.weightsAt + e.tableAt, e.cardinality * e.dim));
    for (let i = 0; i < count; i++) {
      const r = from + i;
      const row = i * width;
      input.set(ds.dense.subarray(r * d, (r + 1) * d), row);
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

  private outputs(count: number) {
    const { memory, layout } = this;
    const features = this.plan.features.length;
    return {
      logit: new Float64Array(memory.buffer, layout.logitAt, count),
      attributions: new Float64Array(memory.buffer, layout.attributionAt, count * features),
      gap: new Float64Array(memory.buffer, layout.gapAt, count),
      steps: new Int32Array(memory.buffer, layout.stepsAt, count),
    };
  }

  /** Logits of every row, on this thread. */
  logits(ds: DeepDataset): Float64Array {
    this.check(ds);
    const out = new Float64Array(ds.n);
    for (let from = 0; from < ds.n; from += this.batchSize) {
      const count = Math.min(this.batchSize, ds.n - from);
      this.encode(ds, from, count);
      this.runner.score(0, count);
      out.set(this.outputs(count).logit, from);
    }
    return out;
  }

  /** Logits and Integrated Gradients of every row, on this thread. */
  explain(ds: DeepDataset): DeepBatchExplanation {
    this.check(ds);
    const result = this.emptyExplanation(ds.n);
    for (let from = 0; from < ds.n; from += this.batchSize) {
      const count = Math.min(this.batchSize, ds.n - from);
      this.encode(ds, from, count);
      this.runner.explain(0, count);
      this.collect(result, from, count);
    }
    return result;
  }

  /** d logit / d x for every row, in the lean network's x layout (for the tests of the backward pass). */
  inputGradients(ds: DeepDataset): Float64Array {
    this.check(ds);
    const width = this.plan.paddedOf.length;
    const out = new Float64Array(ds.n * width);
    for (let from = 0; from < ds.n; from += this.batchSize) {
      const count = Math.min(this.batchSize, ds.n - from);
      this.encode(ds, from, count);
      for (let r = 0; r < count; r++) {
        const g = this.runner.gradient(r);
        for (let m = 0; m < width; m++) out[(from + r) * width + m] = g[this.plan.paddedOf[m]!]!;
      }
    }
    return out;
  }

  /** As `logits`, the batch split over `threads` threads. */
  async logitsParallel(ds: DeepDataset): Promise<Float64Array> {
    this.check(ds);
    const out = new Float64Array(ds.n);
    for (let from = 0; from < ds.n; from += this.batchSize) {
      const count = Math.min(this.batchSize, ds.n - from);
      this.encode(ds, from, count);
      await this.split('score', count);
      out.set(this.outputs(count).logit, from);
    }
    return out;
  }

  /** As `explain`, the batch split over `threads` threads. */
  async explainParallel(ds: DeepDataset): Promise<DeepBatchExplanation> {
    this.check(ds);
    const result = this.emptyExplanation(ds.n);
    for (let from = 0; from < ds.n; from += this.batchSize) {
      const count = Math.min(this.batchSize, ds.n - from);
      this.encode(ds, from, count);
      await this.split('explain', count);
      this.collect(result, from, count);
    }
    return result;
  }

  private emptyExplanation(n: number): DeepBatchExplanation {
    return {
      logit: new Float64Array(n),
      attributions: new Float64Array(n * this.plan.features.length),
      gap: new Float64Array(n),
      steps: new Int32Array(n),
    };
  }

  private collect(result: DeepBatchExplanation, from: number, count: number): void {
    const o = this.outputs(count);
    result.logit.set(o.logit, from);
    result.attributions.set(o.attributions, from * this.plan.features.length);
    result.gap.set(o.gap, from);
    result.steps.set(o.steps, from);
  }

  /** Runs rows [0, count) of the input block: this thread takes the first share, workers the rest. */
  private async split(kind: 'score' | 'explain', count: number): Promise<void> {
    if (this.threads === 1 || count < 2 * this.threads) {
      if (kind === 'score') this.runner.score(0, count);
      else this.runner.explain(0, count);
      return;
    }
    this.pool ??= new DeepWorkerPool(this.threads - 1, {
      memory: this.memory,
      module: deepKernelsModule(),
      plan: this.plan,
      layout: this.layout,
      settings: this.settings,
    });
    const parts = this.threads;
    const bounds = Array.from({ length: parts + 1 }, (_, k) => Math.floor((count * k) / parts));
    const pending = this.pool.run(kind, bounds.slice(1));
    if (kind === 'score') this.runner.score(0, bounds[1]!);
    else this.runner.explain(0, bounds[1]!);
    await pending;
  }

  /** Stops the worker threads (the scorer stays usable; they start again when needed). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }
}
