// A worker thread of the logistic solver's KernelPool (started through util/worker-boot.mjs): the
// same kernel modules as the main thread, over the design in shared memory.
import { parentPort, workerData } from 'node:worker_threads';
import { errorReply } from '../util/ts-worker.ts';
import { wasmApi } from '../util/wasm/wasm-api.ts';
import { hessianKernel, lossGradKernel } from './kernels.ts';
import type { KernelWorkerData, KernelTask } from './worker-pool.ts';
import { wasmHessian, wasmLossGrad, type WasmKernelExports } from './wasm/runners.ts';

const { thread } = (workerData as { data: { thread: number } }).data;
let d: KernelWorkerData | null = null;
let exports: WasmKernelExports | null = null;

/** The reply to a message, and the buffer to transfer with it (the result's, never shared memory). */
function run(message: KernelTask | { kind: 'data'; data: KernelWorkerData }): { reply: object; transfer: ArrayBuffer[] } {
  if (message.kind === 'data') {
    d = message.data;
    exports = d.wasm
      ? (new wasmApi.Instance(d.wasm.module, { env: { memory: d.wasm.memory } }).exports as unknown as WasmKernelExports)
      : null;
    return { reply: { thread }, transfer: [] };
  }
  if (!d) throw new Error('logistic kernel worker: no data yet');
  const { coef, intercept, start, end, step } = message;
  if (message.kind === 'lossGrad') {
    const grad = new Float64Array(coef.length + 1);
    const loss =
      exports && d.wasm
        ? wasmLossGrad(
            exports,
            d.wasm.memory,
            d.wasm.layout,
            d.wasm.scratch,
            d.wasm.labelsAt,
            d.wasm.weightsAt,
            coef,
            intercept,
            grad,
            start,
            end,
            step,
          )
        : lossGradKernel(d.dense, d.denseDim, d.onehot, d.slotCount, d.labels, d.weights, coef, intercept, grad, start, end, step);
    return { reply: { loss, grad }, transfer: [grad.buffer] };
  }
  const size = coef.length + 1;
  const hessian = new Float64Array(size * size);
  if (exports && d.wasm)
    wasmHessian(exports, d.wasm.memory, d.wasm.layout, d.wasm.scratch, d.weights, coef, intercept, hessian, start, end, step);
  else hessianKernel(d.dense, d.denseDim, d.onehot, d.slotCount, d.weights, coef, intercept, hessian, start, end, step);
  return { reply: { hessian }, transfer: [hessian.buffer] };
}

parentPort!.on('message', (message: Parameters<typeof run>[0]) => {
  try {
    const { reply, transfer } = run(message);
    parentPort!.postMessage(reply, transfer);
  } catch (error) {
    parentPort!.postMessage(errorReply(error));
  }
});
