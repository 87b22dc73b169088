// Worker threads for the trees' batch explanations: exact TreeSHAP costs far more than the walk that
// scores a row (about 3,000 rows a second on the Taiwan champion against hundreds of thousands), so
// a batch scorer hands it to threads and its own thread reads, encodes and writes meanwhile. A batch
// is split into contiguous blocks, one per thread; every thread keeps its own memo, whose contents
// never change an answer (tree-shap-memo.ts), so the result is the same bits as on one thread.
import { WorkerChannel } from '../util/ts-worker.ts';
import type { TreeShapModel, TreeShapTask } from './shap-rows.ts';

export class TreeShapPool {
  private readonly workers: WorkerChannel[];

  constructor(
    threads: number,
    private readonly model: TreeShapModel,
  ) {
    this.workers = Array.from({ length: threads }, () => new WorkerChannel(new URL('./shap-worker.ts', import.meta.url), model));
  }

  /** Resolves once every thread has loaded its code. */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.ready));
  }

  /** Log-odds and rows x units contributions of the rows, computed on the threads. */
  async explain(values: Float64Array, rows: number, features: number): Promise<{ raw: Float64Array; contributions: Float64Array }> {
    const parts = Math.min(this.workers.length, rows);
    const raw = new Float64Array(rows);
    const contributions = new Float64Array(rows * this.model.units);
    await Promise.all(
      Array.from({ length: parts }, async (_, k) => {
        const start = Math.floor((rows * k) / parts);
        const end = Math.floor((rows * (k + 1)) / parts);
        const block = values.slice(start * features, end * features);
        const task: TreeShapTask = { values: block, rows: end - start, features };
        const reply = await this.workers[k]!.request<{ raw: Float64Array; contributions: Float64Array }>(task, [block.buffer]);
        raw.set(reply.raw, start);
        contributions.set(reply.contributions, start * this.model.units);
      }),
    );
    return { raw, contributions };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
