// `npm start`: database (embedded unless DATABASE_URL is set), migrations, demo seed, dashboard build
// when needed, then the API, worker and dashboard, with URLs and demo sign-ins printed once all are up.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS, DEMO_ORGANIZATION } from '@probity/db';
import { childEnvironment, readLauncherEnv } from './env.ts';
import { loadSecrets } from './secrets.ts';
import { prepareDatabase } from './database.ts';
import { ensureWebBuild } from './web-build.ts';
import { startProcess, stopProcesses, waitForHttp, type ManagedProcess } from './processes.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const log = (line: string) => console.log(`[probity] ${line}`);

async function main(): Promise<void> {
  const started = Date.now();
  const env = readLauncherEnv();
  const dataDir = path.resolve(root, env.PROBITY_DATA_DIR);
  const secrets = await loadSecrets(dataDir);
  const demo = env.PROBITY_DEMO === '1';
  const database = await prepareDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir,
    port: env.PROBITY_PG_PORT,
    password: secrets.postgresPassword,
    demo,
    log,
  });

  const webUrl = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  const childEnv = childEnvironment({
    NODE_ENV: env.NODE_ENV,
    DATABASE_URL: database.url,
    PORT: String(env.PORT),
    API_PORT: String(env.API_PORT),
    WORKER_PORT: String(env.WORKER_PORT),
    API_URL: `http://127.0.0.1:${env.API_PORT}/graphql`,
    NEXTAUTH_URL: webUrl,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? secrets.nextAuthSecret,
    PROBITY_SERVICE_TOKEN_SECRET: env.PROBITY_SERVICE_TOKEN_SECRET ?? secrets.serviceTokenSecret,
    ...(env.PROBITY_SNAPSHOT_CRON ? { PROBITY_SNAPSHOT_CRON: env.PROBITY_SNAPSHOT_CRON } : {}),
  });

  const processes: ManagedProcess[] = [];
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log('stopping…');
    await stopProcesses(processes);
    await database.embedded?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    await ensureWebBuild(root, childEnv, log);
    const tsx = ['--import', 'tsx'];
    processes.push(startProcess('api', [...tsx, 'apps/api/src/main.ts'], { cwd: root, env: childEnv }));
    // With the demo, the worker trains its two models on a first start (once: it skips an organization that has models).
    const workerEnv = demo ? { ...childEnv, PROBITY_DEMO_TRAINING: '1' } : childEnv;
    // A 64 MB young generation for the worker: a scoring batch's rows live across its awaits, so with
    // V8's default every few MB of allocation copied two batches' rows (re-scoring 1,000,000 exposures:
    // scavenges about 180 -> 70, Node CPU about a fifth less, packages/scoring/bench). Same flag in the
    // worker's own start scripts and the bench.
    processes.push(startProcess('worker', ['--max-semi-space-size=64', ...tsx, 'apps/worker/src/main.ts'], { cwd: root, env: workerEnv }));
    processes.push(
      startProcess('web', [...tsx, 'src/server/main.ts'], {
        cwd: path.join(root, 'apps/web'),
        env: childEnv,
      }),
    );
    for (const p of processes) {
      void p.exited.then((code) => {
        if (!shuttingDown) {
          log(`${p.name} exited unexpectedly (code ${code}); stopping everything`);
          void shutdown(1);
        }
      });
    }
    const alive = (name: string) => () => processes.find((p) => p.name === name)?.child.exitCode === null;
    await Promise.all([
      waitForHttp(`http://127.0.0.1:${env.API_PORT}/readyz`, 120_000, alive('api')),
      waitForHttp(`http://127.0.0.1:${env.WORKER_PORT}/readyz`, 120_000, alive('worker')),
      waitForHttp(`http://127.0.0.1:${env.PORT}/signin`, 120_000, alive('web')),
    ]);
  } catch (error) {
    log(`start failed: ${(error as Error).message}`);
    await shutdown(1);
    return;
  }

  const lines = [
    '',
    `Probity is running (ready in ${Math.round((Date.now() - started) / 1000)} s)`,
    `  Dashboard  ${webUrl}`,
    `  API        http://localhost:${env.API_PORT}/graphql   (health: /healthz, /readyz)`,
    `  Worker     http://127.0.0.1:${env.WORKER_PORT}/readyz`,
    `  Database   ${database.description}`,
  ];
  if (demo) {
    lines.push('', `Demo sign-ins (${DEMO_ORGANIZATION.name}; set PROBITY_DEMO=0 to skip the demo):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.role.padEnd(13)} ${a.email.padEnd(32)} ${a.password}`);
    lines.push(
      '',
      'On a first start the worker is now training the demo models (retail PD on the Taiwan cards, corporate PD on',
      'the Polish companies); the second officer approves them and they become champions within a few minutes:',
      `watch ${webUrl}/models.`,
    );
  }
  lines.push('', 'Stop with Ctrl+C.', '');
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(`[probity] ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
