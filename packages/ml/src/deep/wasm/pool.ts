// Worker threads of the batched deep scorer: each instantiates the kernels on the shared memory and
// runs its share of a slot's rows through its own runner; messages carry only slot and row ranges.
import { WorkerChannel } from '../../util/ts-worker.ts';
import type { DeepShared } from './deep-batch.ts';

export interface DeepTask {
  kind: 'score' | 'explain';
  slot: number;
  start: number;
  end: number;
  tolerance: number;
}

export class DeepWorkerPool {
  private readonly workers: WorkerChannel[];

  constructor(count: number, shared: DeepShared) {
    this.workers = Array.from(
      { length: count },
      (_, k) => new WorkerChannel(new URL('./worker.ts', import.meta.url), { shared, thread: k + 1 }),
    );
  }

  /** Resolves once every thread has loaded its code. */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.ready));
  }

  /** Splits rows [0, rows) of a slot evenly over the workers and resolves when all are done. */
  async run(task: { kind: DeepTask['kind']; slot: number; rows: number; tolerance: number }): Promise<void> {
    const parts = this.workers.length;
    await Promise.all(
      this.workers.map((worker, k) => {
        const message: DeepTask = {
          kind: task.kind,
          slot: task.slot,
          start: Math.floor((task.rows * k) / parts),
          end: Math.floor((task.rows * (k + 1)) / parts),
          tolerance: task.tolerance,
        };
        return message.start < message.end ? worker.request(message) : Promise.resolve();
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
