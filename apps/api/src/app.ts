// Builds the API (database, Apollo, HTTP server) from a validated configuration. main.ts runs it;
// tests and benchmarks start it in-process on a free port.
import type { AddressInfo } from 'node:net';
import { CREDENTIAL_CHANNEL, PORTFOLIO_CHANNEL, createDatabase, listenForChanges, poolUsage, type Database } from '@probity/db';
import { createApiMetrics, createRegistry, registerPoolGauge, type Registry } from '@probity/metrics';
import { createJobClient, type JobClient } from '@probity/jobs';
import type { ApiEnv } from './env.ts';
import { createLogger, type Logger } from '@probity/logging';
import { createApollo } from './server/apollo.ts';
import { createHttpServer } from './server/http.ts';
import { SummaryCache } from './context/summary-cache.ts';
import { CredentialCache } from './context/credential-cache.ts';
import { PortfolioCache } from './context/portfolio-cache.ts';

export interface RunningApi {
  url: string;
  port: number;
  db: Database;
  log: Logger;
  registry: Registry;
  credentials: CredentialCache;
  /** Stops taking requests, lets in-flight ones finish, closes the database pool. */
  close(): Promise<void>;
}

export async function startApi(env: ApiEnv, overrides: { db?: Database; log?: Logger } = {}): Promise<RunningApi> {
  const log = overrides.log ?? createLogger('api', env.LOG_LEVEL);
  const db =
    overrides.db ??
    createDatabase({
      connectionString: env.DATABASE_URL,
      poolSize: env.API_DB_POOL_SIZE,
      statementTimeoutMs: env.API_STATEMENT_TIMEOUT_MS,
    });
  // Enqueues jobs for the worker (send-only pg-boss on the same database).
  const jobs: JobClient = await createJobClient({
    connectionString: env.DATABASE_URL,
    applicationName: 'probity-api',
    onError: (error) => log.error({ err: error }, 'pg-boss error'),
  });
  const registry = createRegistry('api');
  const metrics = createApiMetrics(registry);
  registerPoolGauge(registry, () => poolUsage(db));
  // Verified credentials and portfolio rows are reused for a few seconds; every change that can end
  // access, and every change to a portfolio, is notified by the database and drops what it touched on
  // every API process (see context/credential-cache.ts and context/portfolio-cache.ts).
  const listener = listenForChanges(env.DATABASE_URL, {
    channels: [CREDENTIAL_CHANNEL, PORTFOLIO_CHANNEL],
    onNotification: (channel, payload) => {
      if (channel === CREDENTIAL_CHANNEL) credentials.invalidateAll();
      else portfolios.invalidate(payload);
    },
    onReset: () => {
      credentials.invalidateAll();
      portfolios.invalidateAll();
    },
    onError: (error) =>
      log.warn({ err: error }, 'change listener lost its connection; credential and portfolio caches off until it is back'),
  });
  const credentials = new CredentialCache({
    ttlMs: env.API_CREDENTIAL_CACHE_TTL_MS,
    isLive: () => listener.live,
    onResolve: (how) => metrics.countCredentialLookup(how),
  });
  const portfolios = new PortfolioCache({ ttlMs: env.API_PORTFOLIO_CACHE_TTL_MS, isLive: () => listener.live });
  const apollo = createApollo({
    production: env.NODE_ENV === 'production',
    log,
    metrics,
    limits: {
      costPerSecond: env.API_RATE_LIMIT_UNITS_PER_SECOND,
      burst: env.API_RATE_LIMIT_BURST,
      maxHeavyInFlight: env.API_MAX_HEAVY_IN_FLIGHT,
    },
    afterMutation: () => {
      credentials.invalidateAll();
      portfolios.invalidateAll();
    },
  });
  await apollo.start();
  const server = createHttpServer({
    apollo,
    db,
    jobs,
    log,
    serviceTokenSecret: env.PROBITY_SERVICE_TOKEN_SECRET,
    summaries: new SummaryCache(),
    portfolios,
    credentials,
    metrics,
    registry,
    metricsToken: env.PROBITY_METRICS_TOKEN,
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.API_PORT, env.API_HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${env.API_HOST}:${port}/graphql`;
  log.info({ url }, 'API listening');
  return {
    url,
    port,
    db,
    log,
    registry,
    credentials,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
      await jobs.close();
      await listener.close();
      if (!overrides.db) await db.close();
    },
  };
}
