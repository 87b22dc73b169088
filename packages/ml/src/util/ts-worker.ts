/** Worker threads running a TypeScript module of this package (through worker-boot.mjs). */
import { Worker } from 'node:worker_threads';

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

/** Starts `module` on a worker thread; it reads `data` as `workerData.data`. The thread does not keep the process alive. */
export function startWorker(module: URL, data: unknown): Worker {
  const worker = new Worker(BOOT, { workerData: { module: module.href, data } });
  worker.unref();
  return worker;
}

/** Posts a message and resolves with the worker's next reply; rejects if the worker fails or replies `{ error }`. */
export function request<T>(worker: Worker, message: unknown, transfer: ArrayBuffer[] = []): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (value: T | { error: string }) => {
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (value !== null && typeof value === 'object' && 'error' in value) reject(new Error(value.error));
      else resolve(value as T);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      reject(error);
    };
    const onExit = (code: number) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      reject(new Error(`worker thread exited (code ${code}) before replying`));
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(message, transfer);
  });
}

/** The error of a failed task as a reply message (so the pool rejects with it and the thread lives on). */
export function errorReply(error: unknown): { error: string } {
  return { error: error instanceof Error ? error.message : String(error) };
}
