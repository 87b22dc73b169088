/**
 * Runs the logistic kernels over row ranges on worker threads. The design lives in SharedArrayBuffers,
 * so a pass sends only the coefficients and gets back a gradient (or a Hessian block). The main thread
 * takes the first share itself; with N threads, N - 1 workers take the rest.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { hessianKernel, lossGradKernel } from './kernels.ts';

export interface KernelData {
  dense: Float32Array;
  denseDim: number;
  onehot: Int32Array;
  slotCount: number;
  labels: Uint8Array;
  weights: Float32Array | null;
}

function workerSource(): string {
  // `__name` is what some TypeScript transpilers insert for named functions; make it harmless.
  return `
    const { parentPort } = require('node:worker_threads');
    var __name = (target) => target;
    const lossGradKernel = ${lossGradKernel.toString()};
    const hessianKernel = ${hessianKernel.toString()};
    let data = null;
    parentPort.on('message', (message) => {
      if (message.kind === 'data') { data = message.data; return; }
      const d = data;
      const coef = message.coef;
      if (message.kind === 'lossGrad') {
        const grad = new Float64Array(coef.length + 1);
        const loss = lossGradKernel(d.dense, d.denseDim, d.onehot, d.slotCount, d.labels, d.weights, coef, message.intercept, grad, message.start, message.end, message.step);
        parentPort.postMessage({ loss, grad }, [grad.buffer]);
      } else {
        const size = coef.length + 1;
        const hessian = new Float64Array(size * size);
        hessianKernel(d.dense, d.denseDim, d.onehot, d.slotCount, d.weights, coef, message.intercept, hessian, message.start, message.end, message.step);
        parentPort.postMessage({ hessian }, [hessian.buffer]);
      }
    });
  `;
}

function isShared(array: ArrayBufferView | null): boolean {
  return array === null || array.buffer instanceof SharedArrayBuffer;
}

interface Range {
  start: number;
  end: number;
}

/** First row at or after `start` on the stride grid 0, step, 2 step, ... */
function alignToStride(start: number, step: number): number {
  return Math.ceil(start / step) * step;
}

export class KernelPool {
  private readonly workers: Worker[];
  private data: KernelData | null = null;

  private constructor(workers: Worker[]) {
    this.workers = workers;
  }

  /** A pool using `threads` threads in all (the caller's included). */
  static create(threads = availableParallelism()): KernelPool {
    const workers: Worker[] = [];
    for (let i = 1; i < threads; i++) {
      const worker = new Worker(workerSource(), { eval: true });
      worker.unref();
      workers.push(worker);
    }
    return new KernelPool(workers);
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  setData(data: KernelData): void {
    const shared = isShared(data.dense) && isShared(data.onehot) && isShared(data.labels) && isShared(data.weights);
    if (!shared && this.workers.length > 0) throw new Error('KernelPool needs the design in SharedArrayBuffers');
    this.data = data;
    for (const worker of this.workers) worker.postMessage({ kind: 'data', data });
  }

  private ranges(rows: number): Range[] {
    const parts = this.threads;
    return Array.from({ length: parts }, (_, k) => ({ start: Math.floor((rows * k) / parts), end: Math.floor((rows * (k + 1)) / parts) }));
  }

  private request<T>(worker: Worker, message: object): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onMessage = (value: T) => {
        worker.off('error', onError);
        resolve(value);
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(error);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(message);
    });
  }

  private requireData(): KernelData {
    if (!this.data) throw new Error('KernelPool.setData must be called first');
    return this.data;
  }

  /** Weighted log loss and its gradient (intercept last) over rows 0, step, 2 step, ... below `rows`. */
  async lossGrad(coef: Float64Array, intercept: number, rows: number, step: number): Promise<{ loss: number; grad: Float64Array }> {
    const d = this.requireData();
    const [own, ...rest] = this.ranges(rows);
    const pending = rest.map((range, k) =>
      this.request<{ loss: number; grad: Float64Array }>(this.workers[k]!, { kind: 'lossGrad', coef, intercept, start: alignToStride(range.start, step), end: range.end, step }),
    );
    const grad = new Float64Array(coef.length + 1);
    let loss = lossGradKernel(d.dense, d.denseDim, d.onehot, d.slotCount, d.labels, d.weights, coef, intercept, grad, alignToStride(own!.start, step), own!.end, step);
    for (const part of await Promise.all(pending)) {
      loss += part.loss;
      for (let j = 0; j < grad.length; j++) grad[j]! += part.grad[j]!;
    }
    return { loss, grad };
  }

  /** X'WX (upper triangle, intercept last) over rows 0, step, 2 step, ... below `rows`. */
  async hessian(coef: Float64Array, intercept: number, rows: number, step: number): Promise<Float64Array> {
    const d = this.requireData();
    const [own, ...rest] = this.ranges(rows);
    const pending = rest.map((range, k) =>
      this.request<{ hessian: Float64Array }>(this.workers[k]!, { kind: 'hessian', coef, intercept, start: alignToStride(range.start, step), end: range.end, step }),
    );
    const size = coef.length + 1;
    const hessian = new Float64Array(size * size);
    hessianKernel(d.dense, d.denseDim, d.onehot, d.slotCount, d.weights, coef, intercept, hessian, alignToStride(own!.start, step), own!.end, step);
    for (const part of await Promise.all(pending)) for (let j = 0; j < hessian.length; j++) hessian[j]! += part.hessian[j]!;
    return hessian;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
