// The thread of an OffloadedBatchScorer (started through util/worker-boot.mjs): a BatchScorer of the
// model, scoring each table it is sent, one at a time so the replies keep the order of the requests.
import { parentPort, workerData } from 'node:worker_threads';
import { parseModel } from '../../model-file/io.ts';
import { errorReply } from '../../util/ts-worker.ts';
import { BatchScorer } from './batch-scorer.ts';
import type { OffloadTask } from './offloaded-scorer.ts';

const { model, batchSize } = (workerData as { data: { model: string; batchSize: number } }).data;
const scorer = new BatchScorer(parseModel(model), { threads: 1, batchSize });

let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (task: OffloadTask) => {
  queue = queue.then(async () => {
    try {
      const out = await scorer.score(task.table, task.options);
      const buffers = [out.pd, out.logit, out.gap, out.reasons?.unit, out.reasons?.contribution]
        .filter((a) => a != null)
        .map((a) => a.buffer as ArrayBuffer);
      parentPort!.postMessage(out, buffers);
    } catch (error) {
      parentPort!.postMessage(errorReply(error));
    }
  });
});
