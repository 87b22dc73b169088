// Entry point: `npm start -w @probity/worker`. SIGTERM/SIGINT: finish running jobs, then exit.
import { applyGpuEnvironment, readEnv } from './env.ts';
import { startWorker } from './app.ts';

// `npm run worker -- --concurrency N`: N training jobs at once in this process (PROBITY_WORKER_CONCURRENCY).
function concurrencyArgument(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((arg) => arg === '--concurrency' || arg.startsWith('--concurrency='));
  if (at < 0) return undefined;
  const arg = argv[at]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
}
const concurrency = concurrencyArgument(process.argv.slice(2));
const env = readEnv(undefined, concurrency ? { PROBITY_WORKER_CONCURRENCY: concurrency } : {});
applyGpuEnvironment(env);
const worker = await startWorker(env);

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
