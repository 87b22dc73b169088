/**
 * Training on a worker thread, for hosts that must stay responsive while a model trains (a job worker
 * writing heartbeats and progress, watching for a cancel): some fits run for minutes without yielding
 * (tree boosting, Newton steps), which would starve the host's event loop. Progress arrives as
 * messages; cancel() ends the thread at once, whatever it is doing.
 */
import { Worker } from 'node:worker_threads';
import { DataValidationError, type ValidationReport } from '../data/validation-report.ts';
import type { ModelFile } from '../model-file/types.ts';
import type { TrainOptions, TrainProgress } from './options.ts';
import type { TrainReport } from './report.ts';

const BOOT = new URL('../util/worker-boot.mjs', import.meta.url);
const MODULE = new URL('./train-thread-worker.ts', import.meta.url);

export interface ThreadHooks {
  onStage?(stage: string): void;
  onLog?(message: string): void;
  onProgress?(event: TrainProgress): void;
}

export type ThreadMessage =
  | { type: 'stage'; stage: string }
  | { type: 'log'; message: string }
  | { type: 'progress'; event: TrainProgress }
  | { type: 'done'; model: ModelFile; report: TrainReport }
  | { type: 'invalid'; report: ValidationReport }
  | { type: 'error'; message: string; name: string };

export class TrainingCancelledError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TrainingCancelledError';
  }
}

export interface TrainingThread {
  result: Promise<{ model: ModelFile; report: TrainReport }>;
  /** Ends the thread now; `result` rejects with TrainingCancelledError. */
  cancel(reason: string): Promise<void>;
}

/** Trains `file` (a CSV path) with `options` on a new worker thread. */
export function trainInThread(file: string, options: TrainOptions, hooks: ThreadHooks = {}): TrainingThread {
  const worker = new Worker(BOOT, { workerData: { module: MODULE.href, data: { file, options } } });
  let cancelled: string | null = null;
  const result = new Promise<{ model: ModelFile; report: TrainReport }>((resolve, reject) => {
    worker.on('message', (message: ThreadMessage) => {
      if (message.type === 'stage') hooks.onStage?.(message.stage);
      else if (message.type === 'log') hooks.onLog?.(message.message);
      else if (message.type === 'progress') hooks.onProgress?.(message.event);
      else if (message.type === 'done') {
        resolve({ model: message.model, report: message.report });
        void worker.terminate(); // its solver pools may linger; the result is in
      } else if (message.type === 'invalid') reject(new DataValidationError(message.report));
      else {
        const error = new Error(message.message);
        error.name = message.name;
        reject(error);
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (cancelled !== null) reject(new TrainingCancelledError(cancelled));
      else reject(new Error(`the training thread exited (code ${code}) without a result`));
    });
  });
  return {
    result,
    async cancel(reason) {
      cancelled = reason;
      await worker.terminate();
    },
  };
}
