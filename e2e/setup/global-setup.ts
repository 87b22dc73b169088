// Starts the real stack for the end-to-end tests: a fresh PostgreSQL database (migrated, demo seed
// plus a second tenant), the GraphQL API and the production build of the dashboard, on free ports
// with generated secrets. Returns the teardown that stops them and drops the database.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '@probity/db/seed';
import { createFreshDatabase, findTestServer, freePort, type FreshDatabase, type TestServer } from '@probity/db/testing';
import { ensureWebBuild } from '../../scripts/start/web-build.ts';
import { inheritedEnvironment, publishStack, verbose } from '../support/env.ts';
import { OTHER_ORG } from '../support/accounts.ts';
import { startApp, waitUntilReady, type AppProcess } from './processes.ts';
import { demoIds, seedSecondTenant } from './second-tenant.ts';
import { queueRetailScoring } from './scored-portfolio.ts';
import { seedWhatIfTenant } from './what-if-tenant.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');

function log(line: string): void {
  process.stderr.write(`[e2e] ${line}\n`);
}

/** The test data: the demo seed, two more tenants, and the retail scoring run queued for the worker. */
async function prepareDatabase(url: string, source: string) {
  const started = Date.now();
  const seed = await seedDemo(url);
  await seedSecondTenant(url);
  const whatIf = await seedWhatIfTenant(url);
  const ids = await demoIds(url, seed.corporatePortfolioId);
  // Queued now, scored by the worker below while the first specs run.
  const scoringRunId = await queueRetailScoring(url, seed.retailPortfolioId);
  log(`database ready (${source}) in ${Date.now() - started} ms; retail scoring run ${scoringRunId} queued`);
  return { seed, whatIf, ids };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = Date.now();
  const apps: AppProcess[] = [];
  let server: TestServer | undefined;
  let database: FreshDatabase | undefined;

  const teardown = async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await database?.drop().catch((error: unknown) => log(`could not drop the test database: ${String(error)}`));
    await server?.stop();
  };

  try {
    const base = { ...inheritedEnvironment(), NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
    const serviceTokenSecret = randomBytes(32).toString('hex');

    // The dashboard's build (every CI run builds it: over a minute) goes beside the database's seeding
    // and the API's and worker's start, which wait on PostgreSQL and on module loading much of their
    // time; both branches settle before a failure is reported, so the teardown finds what they started.
    const [built, backend] = await Promise.allSettled([
      ensureWebBuild(root, base, log),
      (async () => {
        server = await findTestServer();
        database = await createFreshDatabase(server.url, 'e2e');
        const data = await prepareDatabase(database.url, server.source);
        // Ports are taken just before use: another program on the machine may take a free one meanwhile.
        const [apiPort, workerPort] = [await freePort(), await freePort()];
        const api = startApp('api', [tsxCli, 'apps/api/src/main.ts'], {
          cwd: root,
          echo: verbose,
          env: {
            ...base,
            DATABASE_URL: database.url,
            API_PORT: String(apiPort),
            PROBITY_SERVICE_TOKEN_SECRET: serviceTokenSecret,
            LOG_LEVEL: verbose ? 'info' : 'warn',
          },
        });
        apps.push(api);
        // The worker runs the jobs the dashboard queues (simulate-portfolio for the risk page).
        const worker = startApp('worker', [tsxCli, 'apps/worker/src/main.ts'], {
          cwd: root,
          echo: verbose,
          env: { ...base, DATABASE_URL: database.url, WORKER_PORT: String(workerPort), LOG_LEVEL: verbose ? 'info' : 'warn' },
        });
        apps.push(worker);
        await Promise.all([
          waitUntilReady(api, `http://127.0.0.1:${apiPort}/readyz`, 90_000),
          waitUntilReady(worker, `http://127.0.0.1:${workerPort}/readyz`, 90_000),
        ]);
        return { databaseUrl: database.url, apiUrl: `http://127.0.0.1:${apiPort}/graphql`, ...data };
      })(),
    ]);
    if (backend.status === 'rejected') throw backend.reason;
    if (built.status === 'rejected') throw built.reason;
    const { databaseUrl, apiUrl, seed, whatIf, ids } = backend.value;
    const webPort = await freePort();
    const baseUrl = `http://127.0.0.1:${webPort}`;

    // The dashboard's own server (Next.js behind the socket-address stamp the sign-in throttle counts on).
    const web = startApp('web', [tsxCli, 'src/server/main.ts'], {
      cwd: path.join(root, 'apps/web'),
      echo: verbose,
      env: {
        ...base,
        PORT: String(webPort),
        WEB_HOST: '127.0.0.1',
        API_URL: apiUrl,
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
        PROBITY_SERVICE_TOKEN_SECRET: serviceTokenSecret,
        DATABASE_URL: databaseUrl,
      },
    });
    apps.push(web);
    await waitUntilReady(web, `${baseUrl}/signin`, 90_000);
    log(`api and web ready in ${Math.round((Date.now() - started) / 1000)} s (web ${baseUrl}, api ${apiUrl})`);

    publishStack({
      databaseUrl,
      baseUrl,
      apiUrl,
      demoPortfolioId: seed.corporatePortfolioId,
      retailPortfolioId: seed.retailPortfolioId,
      demoObligorId: ids.obligorId,
      demoExposureId: ids.exposureId,
      otherOrgEmail: OTHER_ORG.user.email,
      otherOrgPassword: OTHER_ORG.user.password,
      otherOrgName: OTHER_ORG.organization.name,
      otherOrgPortfolioName: OTHER_ORG.portfolio.name,
      whatIfObligorId: whatIf.obligorId,
    });
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
