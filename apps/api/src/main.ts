// Entry point: `npm start -w @probity/api`. Shuts down gracefully on SIGTERM/SIGINT.
import { readEnv } from './env.ts';
import { startApi } from './app.ts';

const env = readEnv();
const api = await startApi(env);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    api.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    api.close().then(
      () => process.exit(0),
      (error: unknown) => {
        api.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
