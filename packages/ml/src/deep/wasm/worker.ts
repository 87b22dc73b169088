// A worker thread of the batched deep scorer (started by pool.ts through util/worker-boot.mjs).
import { parentPort, workerData } from 'node:worker_threads';
import { errorReply } from '../../util/ts-worker.ts';
import { wasmApi } from '../../util/wasm/wasm-api.ts';
import type { DeepShared } from './deep-batch.ts';
import type { DeepTask } from './pool.ts';
import { DeepRunner, type DeepKernelExports } from './runner.ts';

const { shared, thread } = (workerData as { data: { shared: DeepShared; thread: number } }).data;
const exports = new wasmApi.Instance(shared.module, { env: { memory: shared.memory } }).exports as unknown as DeepKernelExports;
const runner = new DeepRunner(exports, shared.memory, shared.plan, shared.layout, thread, shared.settings);

parentPort!.on('message', ({ kind, slot, start, end, tolerance }: DeepTask) => {
  try {
    if (kind === 'score') runner.score(slot, start, end);
    else runner.explain(slot, start, end, tolerance);
    parentPort!.postMessage({ done: true });
  } catch (error) {
    parentPort!.postMessage(errorReply(error));
  }
});
