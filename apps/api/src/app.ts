// Builds the API (database, Apollo, HTTP server) from a validated configuration. main.ts runs it;
// tests and benchmarks start it in-process on a free port.
import type { AddressInfo } from 'node:net';
import { createDatabase, listenForCredentialChanges, poolUsage, type Database } from '@probity/db';
import { createApiMetrics, createRegistry, registerPoolGauge, type Registry } from '@probity/metrics';
import { createJobClient, type JobClient } from '@probity/jobs';
import type { ApiEnv } from './env.ts';
import { createLogger, type Logger } from '@probity/logging';
import { createApollo } from './server/apollo.ts';
import { createHttpServer } from './server/http.ts';
import { SummaryCache } from './context/summary-cache.ts';
import { CredentialCache } from './context/credential-cache.ts';

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
  // Verified credentials are reused for a few seconds; every change that can end access is notified
  // by the database and empties the cache on every API process (see context/credential-cache.ts).
  const listener = listenForCredentialChanges(env.DATABASE_URL, {
    onChange: () => credentials.invalidateAll(),
    onError: (error) => log.warn({ err: error }, 'credential change listener lost its connection; credential cache off until it is back'),
  });
  const credentials = new CredentialCache({
    ttlMs: env.API_CREDENTIAL_CACHE_TTL_MS,
    isLive: () => listener.live,
    onResolve: (how) => metrics.countCredentialLookup(how),
  });
  const apollo = createApollo({
    production: env.NODE_ENV === 'production',
    log,
    metrics,
    limits: {
      costPerSecond: env.API_RATE_LIMIT_UNITS_PER_SECOND,
      burst: env.API_RATE_LIMIT_BURST,
      maxHeavyInFlight: env.API_MAX_HEAVY_IN_FLIGHT,
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
