/** The worker-thread side of trainInThread: trains, posting progress, then the model and report. */
import { parentPort, workerData } from 'node:worker_threads';
import { DataValidationError } from '../data/validation-report.ts';
import type { TrainOptions } from './options.ts';
import type { ThreadMessage } from './train-thread.ts';

const { file, options } = (workerData as { data: { file: string; options: TrainOptions } }).data;
const post = (message: ThreadMessage) => parentPort!.postMessage(message);

try {
  const { train } = await import('../index.ts');
  const { model, report } = await train(file, options, {
    onStage: (stage) => post({ type: 'stage', stage }),
    onLog: (message) => post({ type: 'log', message }),
    onProgress: (event) => post({ type: 'progress', event }),
  });
  post({ type: 'done', model, report });
} catch (error) {
  if (error instanceof DataValidationError) post({ type: 'invalid', report: error.report });
  else
    post({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
      name: error instanceof Error ? error.name : 'Error',
    });
}
