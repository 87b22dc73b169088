// Entry point: `npm start -w @probity/worker`. SIGTERM/SIGINT: finish running jobs, then exit.
import { readEnv } from './env.ts';
import { startWorker } from './app.ts';

const worker = await startWorker(readEnv());

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    worker.log.info({ signal }, 'shutting down: waiting for running jobs');
    const force = setTimeout(() => process.exit(1), 45_000);
    force.unref();
    worker.close().then(
      () => process.exit(0),
      (error: unknown) => {
        worker.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
