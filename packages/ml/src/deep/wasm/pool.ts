// Worker threads of the batched deep scorer: each instantiates the kernels on the shared memory and
// runs its range of the input block through its own runner; messages carry only row ranges.
import type { Worker } from 'node:worker_threads';
import { request, startWorker } from '../../util/ts-worker.ts';
import type { DeepShared } from './deep-batch.ts';

export type DeepTask = 'score' | 'explain';

export class DeepWorkerPool {
  private readonly workers: Worker[];

  constructor(count: number, shared: DeepShared) {
    this.workers = Array.from({ length: count }, (_, k) => startWorker(new URL('./worker.ts', import.meta.url), { shared, thread: k + 1 }));
  }

  /** Worker k runs rows [bounds[k], bounds[k + 1]) of the input block. */
  async run(kind: DeepTask, bounds: number[]): Promise<void> {
    await Promise.all(this.workers.map((worker, k) => request(worker, { kind, start: bounds[k]!, end: bounds[k + 1]! })));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
