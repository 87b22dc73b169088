/**
 * A pool of simulation worker threads sharing one plan. Each worker gets the plan once; chunk
 * requests go to idle workers; results come back with their buffers transferred, not copied.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChunkResult } from '../montecarlo/chunk.ts';
import type { ContributionChunk, ContributionThresholds } from '../montecarlo/contributions.ts';
import type { SimulationPlan } from '../montecarlo/plan.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

type Task = {
  request: WorkerRequest & { id: number };
  transfer: ArrayBuffer[];
  resolve: (response: WorkerResponse) => void;
  reject: (error: Error) => void;
};

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

export class SimulationPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly queue: Task[] = [];
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (response: WorkerResponse) => this.settle(worker, response));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closed) this.fail(new Error(`simulation worker exited with code ${code}`));
      });
      this.idle.push(worker);
    }
  }

  private closed = false;

  /** Starts `threads` workers (default: every core) holding `plan`. */
  static create(plan: SimulationPlan, threads = availableParallelism()): SimulationPool {
    const workers = Array.from({ length: Math.max(1, threads) }, () => {
      const worker = new Worker(ENTRY);
      worker.postMessage({ kind: 'plan', plan } satisfies WorkerRequest);
      return worker;
    });
    return new SimulationPool(workers);
  }

  get threads(): number {
    return this.workers.length;
  }

  simulate(chunkIndex: number): Promise<ChunkResult> {
    return this.submit({ kind: 'simulate', id: this.nextId++, chunkIndex }, []).then((response) => {
      if (response.kind !== 'simulated') throw new Error('unexpected worker response');
      return response.chunk;
    });
  }

  contributions(chunkIndex: number, thresholds: ContributionThresholds, losses: Float64Array): Promise<ContributionChunk> {
    return this.submit({ kind: 'contributions', id: this.nextId++, chunkIndex, thresholds, losses }, [losses.buffer as ArrayBuffer]).then(
      (response) => {
        if (response.kind !== 'contributed') throw new Error('unexpected worker response');
        return response.part;
      },
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private submit(request: WorkerRequest & { id: number }, transfer: ArrayBuffer[]): Promise<WorkerResponse> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ request, transfer, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(worker, task);
      worker.postMessage(task.request, task.transfer);
    }
  }

  private settle(worker: Worker, response: WorkerResponse): void {
    const task = this.busy.get(worker);
    if (!task) return;
    this.busy.delete(worker);
    this.idle.push(worker);
    if (response.kind === 'failed') {
      const error = new Error(response.message);
      if (response.stack) error.stack = response.stack;
      task.reject(error);
    } else task.resolve(response);
    this.pump();
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const task of [...this.busy.values(), ...this.queue]) task.reject(error);
    this.busy.clear();
    this.queue.length = 0;
  }
}
