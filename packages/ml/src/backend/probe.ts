/**
 * Whether a named backend loads on this machine, checked on a short-lived worker thread: a job worker
 * asks before it announces itself as a GPU worker, without holding a tfjs backend (GPU memory, the
 * WebGPU globals) in its own thread; the training threads load their own.
 */
import { Worker } from 'node:worker_threads';

const BOOT = new URL('../util/worker-boot.mjs', import.meta.url);
const MODULE = new URL('./probe-thread.ts', import.meta.url);

export type BackendProbe = { ok: true; name: string; detail: string } | { ok: false; name: string; reason: string };

export function probeBackend(name: string, timeoutMs = 60_000): Promise<BackendProbe> {
  return new Promise((resolve) => {
    const worker = new Worker(BOOT, { workerData: { module: MODULE.href, data: { name } } });
    let settled = false;
    const finish = (probe: BackendProbe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(probe);
    };
    // A driver that hangs while enumerating adapters is as good as none.
    const timer = setTimeout(() => finish({ ok: false, name, reason: `did not load within ${timeoutMs / 1000} s` }), timeoutMs);
    worker.once('message', (message: BackendProbe) => finish(message));
    worker.once('error', (error) => finish({ ok: false, name, reason: error.message.split('\n')[0]! }));
    worker.once('exit', (code) => finish({ ok: false, name, reason: `the probe thread exited (code ${code})` }));
  });
}
