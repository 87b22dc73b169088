/** Worker threads running a TypeScript module of this package (through worker-boot.mjs). */
import { Worker } from 'node:worker_threads';

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
/** The first message of a channel's thread: its module has loaded (worker-boot.mjs). */
const READY = 'probity:worker-ready';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * One worker thread and its replies: the worker answers each message with exactly one reply, in
 * order, so requests may be queued while earlier ones run. A reply `{ error }` rejects that request
 * only; a crash or exit rejects every pending one. The thread does not keep the process alive.
 */
export class WorkerChannel {
  private readonly worker: Worker;
  private readonly pending: Pending[] = [];
  private failure: Error | null = null;
  /**
   * Resolves once the thread has loaded its module (TypeScript compiled through tsx: most of a second
   * of CPU on a busy two-core machine), rejects if it fails first. Requests need not wait for it (they
   * queue); a caller that keeps the thread awaits it so the first request does not pay the start.
   */
  readonly ready: Promise<void>;

  /** Starts `module` on a worker thread; it reads `data` as `workerData.data`. */
  constructor(module: URL, data: unknown) {
    this.worker = new Worker(BOOT, { workerData: { module: module.href, data, announce: READY } });
    this.worker.unref();
    let loaded!: () => void;
    let failed!: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      loaded = resolve;
      failed = reject;
    });
    // Awaited only by callers that want it; a thread that fails also rejects its requests.
    this.ready.catch(() => undefined);
    this.worker.on('message', (reply: unknown) => {
      if (reply === READY) {
        loaded();
        return;
      }
      const next = this.pending.shift();
      if (!next) return;
      if (reply !== null && typeof reply === 'object' && 'error' in reply) next.reject(new Error(String(reply.error)));
      else next.resolve(reply);
    });
    const failAll = (error: Error) => {
      this.failure ??= error;
      failed(error);
      for (const p of this.pending.splice(0)) p.reject(error);
    };
    this.worker.on('error', failAll);
    this.worker.on('exit', (code) => failAll(new Error(`worker thread exited (code ${code})`)));
  }

  /** Posts a message; resolves with the worker's reply to it. */
  request<T>(message: unknown, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.worker.postMessage(message, transfer);
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The error of a failed task as a reply message (so the request rejects with it and the thread lives on). */
export function errorReply(error: unknown): { error: string } {
  return { error: error instanceof Error ? error.message : String(error) };
}
