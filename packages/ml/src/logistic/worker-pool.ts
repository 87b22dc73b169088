/**
 * Runs the logistic kernels over row ranges on worker threads (pool-worker.ts, which imports the same
 * kernel modules). The design lives in shared memory (a shared WebAssembly memory when it fits one,
 * then the SIMD kernels run; plain SharedArrayBuffers otherwise), so a pass sends only the
 * coefficients and gets back a gradient or a Hessian. The main thread takes the first share itself;
 * with N threads, N - 1 workers take the rest.
 */
import { availableParallelism } from 'node:os';
import { WorkerChannel } from '../util/ts-worker.ts';
import type { DesignMatrix } from '../pipeline/design-matrix.ts';
import { hessianKernel, lossGradKernel } from './kernels.ts';
import { attachLabels, instantiateKernels, kernelsModule, reserveScratch } from './wasm/design-memory.ts';
import { wasmHessian, wasmLossGrad, type WasmKernelExports, type WasmLayout } from './wasm/runners.ts';
import type { WasmMemory, WasmModule } from '../util/wasm/wasm-api.ts';

export type KernelChoice = 'auto' | 'js' | 'wasm';

export interface KernelData {
  design: DesignMatrix;
  labels: Uint8Array;
  weights: Float32Array | null;
}

interface WasmSetup {
  memory: WasmMemory;
  layout: WasmLayout;
  scratchBase: number;
  scratchStride: number;
  labelsAt: number;
  weightsAt: number;
}

/** What a worker receives once: typed-array views on shared memory, and the wasm set-up if any. */
export interface KernelWorkerData {
  dense: Float32Array;
  denseDim: number;
  onehot: Int32Array;
  slotCount: number;
  labels: Uint8Array;
  weights: Float32Array | null;
  wasm: (WasmSetup & { module: WasmModule; scratch: number }) | null;
}

/** One pass over a row range: rows start, start + step, ... below end. */
export interface KernelTask {
  kind: 'lossGrad' | 'hessian';
  coef: Float64Array;
  intercept: number;
  start: number;
  end: number;
  step: number;
}

function isShared(array: ArrayBufferView | null): boolean {
  return array === null || array.buffer instanceof SharedArrayBuffer;
}

/** First row at or after `start` on the stride grid 0, step, 2 step, ... */
function alignToStride(start: number, step: number): number {
  return Math.ceil(start / step) * step;
}

export class KernelPool {
  private readonly workers: WorkerChannel[];
  /** The workers' acknowledgement of the last setData. */
  private ready: Promise<unknown> = Promise.resolve();
  private readonly kernels: KernelChoice;
  private data: KernelData | null = null;
  private wasm: WasmSetup | null = null;
  private exports: WasmKernelExports | null = null;

  private constructor(workers: WorkerChannel[], kernels: KernelChoice) {
    this.workers = workers;
    this.kernels = kernels;
  }

  /** A pool using `threads` threads in all (the caller's included). */
  static create(threads = availableParallelism(), kernels: KernelChoice = 'auto'): KernelPool {
    const workers: WorkerChannel[] = [];
    for (let i = 1; i < threads; i++) workers.push(new WorkerChannel(new URL('./pool-worker.ts', import.meta.url), { thread: i }));
    return new KernelPool(workers, kernels);
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /** Which kernels run: 'wasm' (SIMD) or 'js'. */
  get kernelKind(): 'wasm' | 'js' {
    return this.wasm ? 'wasm' : 'js';
  }

  setData(data: KernelData): void {
    const { design, labels, weights } = data;
    const shared = isShared(design.dense) && isShared(design.onehot) && isShared(labels) && isShared(weights);
    if (!shared && this.workers.length > 0) throw new Error('KernelPool needs the design, labels and weights in shared memory');
    if (this.kernels === 'wasm' && !design.wasm) throw new Error('the SIMD kernels need a design allocated in WebAssembly memory');
    this.data = data;
    this.wasm = null;
    this.exports = null;
    if (design.wasm && this.kernels !== 'js') {
      const layout: WasmLayout = {
        dense: design.wasm.denseOffset,
        onehot: design.wasm.onehotOffset,
        d: design.denseDim,
        s: design.slotCount,
        p: design.columnCount,
      };
      const { base, stride } = reserveScratch(design.wasm, layout, this.threads);
      const { labelsAt, weightsAt } = attachLabels(design.wasm, labels, weights);
      this.wasm = { memory: design.wasm.memory, layout, scratchBase: base, scratchStride: stride, labelsAt, weightsAt };
      this.exports = instantiateKernels(design.wasm.memory);
    }
    const acknowledged = this.workers.map((worker, k) => {
      const message: KernelWorkerData = {
        dense: design.dense,
        denseDim: design.denseDim,
        onehot: design.onehot,
        slotCount: design.slotCount,
        labels,
        weights,
        wasm: this.wasm
          ? { ...this.wasm, module: kernelsModule(), scratch: this.wasm.scratchBase + (k + 1) * this.wasm.scratchStride }
          : null,
      };
      return worker.request({ kind: 'data', data: message });
    });
    this.ready = Promise.all(acknowledged);
    // A failure also rejects the next pass's requests; it must not count as unhandled meanwhile.
    this.ready.catch(() => undefined);
  }

  private ranges(rows: number): { start: number; end: number }[] {
    const parts = this.threads;
    return Array.from({ length: parts }, (_, k) => ({ start: Math.floor((rows * k) / parts), end: Math.floor((rows * (k + 1)) / parts) }));
  }

  private requireData(): KernelData {
    if (!this.data) throw new Error('KernelPool.setData must be called first');
    return this.data;
  }

  /** Weighted log loss and its gradient (intercept last) over rows 0, step, 2 step, ... below `rows`. */
  async lossGrad(coef: Float64Array, intercept: number, rows: number, step: number): Promise<{ loss: number; grad: Float64Array }> {
    const { design: x, labels, weights } = this.requireData();
    await this.ready;
    const [own, ...rest] = this.ranges(rows);
    const pending = rest.map((range, k) =>
      this.workers[k]!.request<{ loss: number; grad: Float64Array }>({
        kind: 'lossGrad',
        coef,
        intercept,
        start: alignToStride(range.start, step),
        end: range.end,
        step,
      }),
    );
    const grad = new Float64Array(coef.length + 1);
    const start = alignToStride(own!.start, step);
    let loss = this.wasm
      ? wasmLossGrad(
          this.exports!,
          this.wasm.memory,
          this.wasm.layout,
          this.wasm.scratchBase,
          this.wasm.labelsAt,
          this.wasm.weightsAt,
          coef,
          intercept,
          grad,
          start,
          own!.end,
          step,
        )
      : lossGradKernel(x.dense, x.denseDim, x.onehot, x.slotCount, labels, weights, coef, intercept, grad, start, own!.end, step);
    for (const part of await Promise.all(pending)) {
      loss += part.loss;
      for (let j = 0; j < grad.length; j++) grad[j]! += part.grad[j]!;
    }
    return { loss, grad };
  }

  /** X'WX (upper triangle, intercept last) over rows 0, step, 2 step, ... below `rows`. */
  async hessian(coef: Float64Array, intercept: number, rows: number, step: number): Promise<Float64Array> {
    const { design: x, weights } = this.requireData();
    await this.ready;
    const [own, ...rest] = this.ranges(rows);
    const pending = rest.map((range, k) =>
      this.workers[k]!.request<{ hessian: Float64Array }>({
        kind: 'hessian',
        coef,
        intercept,
        start: alignToStride(range.start, step),
        end: range.end,
        step,
      }),
    );
    const size = coef.length + 1;
    const hessian = new Float64Array(size * size);
    const start = alignToStride(own!.start, step);
    if (this.wasm)
      wasmHessian(
        this.exports!,
        this.wasm.memory,
        this.wasm.layout,
        this.wasm.scratchBase,
        weights,
        coef,
        intercept,
        hessian,
        start,
        own!.end,
        step,
      );
    else hessianKernel(x.dense, x.denseDim, x.onehot, x.slotCount, weights, coef, intercept, hessian, start, own!.end, step);
    for (const part of await Promise.all(pending)) for (let j = 0; j < hessian.length; j++) hessian[j]! += part.hessian[j]!;
    return hessian;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
