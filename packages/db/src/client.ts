// One place that builds the Prisma client over node-postgres (driver adapter, no native engine).
// The client never leaves this package: callers hold an opaque Database handle, and only the
// repositories reach the client behind it (prismaOf, which the package index does not export).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient, type Prisma } from './generated/prisma/client.ts';
import { withPendingTenantSettings } from './tenant-session.ts';

export type TransactionClient = Prisma.TransactionClient;

export interface DatabaseOptions {
  connectionString: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Called with the SQL text of every statement sent to PostgreSQL (tests count statements with it). */
  onStatement?: (sql: string) => void;
  /** How long a caller waits for a new connection before failing (default 5 s). */
  connectionTimeoutMs?: number;
  /**
   * Longest a statement of a tenant transaction may run before PostgreSQL cancels it (QueryTimeoutError);
   * default none. The API sets one per request so no caller can hold connections and cores for long.
   */
  statementTimeoutMs?: number;
}

/** A pool of connections to one Probity database. Pass it to the package's functions; close it once. */
export interface Database {
  readonly connectionString: string;
  close(): Promise<void>;
}

// Kept on globalThis: a bundler (the dashboard's Next.js build) may load this module once per bundle,
// and a handle created by one copy must still resolve in another.
const registry = ((globalThis as Record<symbol, unknown>)[Symbol.for('probity.db.handles')] ??= {
  clients: new WeakMap<Database, PrismaClient>(),
  pools: new WeakMap<Database, pg.Pool>(),
  bulkPools: new WeakMap<Database, pg.Pool>(),
}) as { clients: WeakMap<Database, PrismaClient>; pools: WeakMap<Database, pg.Pool>; bulkPools: WeakMap<Database, pg.Pool> };
/** bulkPools: plain node-postgres pools for bulk work (COPY), which Prisma cannot stream; made on first use. */
const { clients, pools, bulkPools } = registry;
const statementTimeouts = new WeakMap<Database, number>();

/** The statement timeout of a handle's tenant transactions (undefined: none). */
export function statementTimeoutOf(db: Database): number | undefined {
  return statementTimeouts.get(db);
}

/** The Prisma client behind a handle: for this package's repositories only. */
export function prismaOf(db: Database): PrismaClient {
  const client = clients.get(db);
  if (!client) throw new Error('prismaOf: not a Database created by createDatabase()');
  return client;
}

// Every pooled connection folds a tenant transaction's settings into its BEGIN (tenant-session.ts)
// and, when asked, reports each statement's text (tests count statements with it).
function poolClient(onStatement: ((sql: string) => void) | undefined, statementTimeoutMs: number | undefined): typeof pg.Client {
  return class TenantAwareClient extends pg.Client {
    override query(...args: unknown[]): never {
      const first = args[0];
      if (typeof first === 'string') args[0] = withPendingTenantSettings(first, statementTimeoutMs);
      else if (first && typeof (first as { text?: unknown }).text === 'string') {
        const config = first as { text: string };
        const text = withPendingTenantSettings(config.text, statementTimeoutMs);
        if (text !== config.text) args[0] = { ...config, text };
      }
      if (onStatement) {
        const sent = args[0];
        const text = typeof sent === 'string' ? sent : (sent as { text?: string } | undefined)?.text;
        if (text !== undefined) onStatement(text);
      }
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  };
}

/**
 * A connection the server drops (a restart, a terminated backend) must not crash the process. pg-pool
 * listens for an idle connection's error itself and reports it on the pool; a connection a caller holds
 * between two statements has no listener, and the server's notice (57P01 "terminating connection due to
 * administrator command") was thrown as an uncaught exception. Every connection gets a listener of its
 * own: the statement in flight still rejects with the error, the next one with "not queryable", and the
 * pool discards the connection when it is released.
 */
function survivesLostConnections(pool: pg.Pool): void {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
}

/**
 * A connection of its own, outside the pools (a dataset streamed in or out across many statements),
 * with the same listener: losing it fails its next statement, not the process.
 */
export function dedicatedClient(db: Database, applicationName: string): pg.Client {
  const client = new pg.Client({ connectionString: db.connectionString, application_name: applicationName });
  client.on('error', () => {});
  return client;
}

export function createDatabase(options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    // Fail fast while PostgreSQL is down instead of queueing callers for ever.
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    Client: poolClient(options.onStatement, options.statementTimeoutMs),
  });
  survivesLostConnections(pool);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const prisma = new PrismaClient({ adapter });
  const db: Database = {
    connectionString: options.connectionString,
    close: async () => {
      const pool = bulkPools.get(db);
      bulkPools.delete(db);
      await Promise.all([prisma.$disconnect(), pool?.end()]);
    },
  };
  clients.set(db, prisma);
  pools.set(db, pool);
  if (options.statementTimeoutMs) statementTimeouts.set(db, options.statementTimeoutMs);
  return db;
}

/** The pg pool behind a handle: for this package's raw tenant reads (tenant-read.ts) only. */
export function poolOf(db: Database): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('poolOf: not a Database created by createDatabase()');
  return pool;
}

/** Connections of the pool right now: open, idle, and callers waiting for one (for metrics). */
export function poolUsage(db: Database): { total: number; idle: number; waiting: number; max: number } {
  const pool = pools.get(db);
  if (!pool) throw new Error('poolUsage: not a Database created by createDatabase()');
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 };
}

/** Resolves when the database answers a trivial query; rejects with the driver's error otherwise. */
export async function ping(db: Database): Promise<void> {
  await prismaOf(db).$queryRaw`SELECT 1`;
}

/** A pool of plain pg connections for COPY (bulk loads and scoring runs): for this package only. */
export function bulkPoolOf(db: Database): pg.Pool {
  if (!clients.has(db)) throw new Error('bulkPoolOf: not a Database created by createDatabase()');
  let pool = bulkPools.get(db);
  if (!pool) {
    pool = new pg.Pool({ connectionString: db.connectionString, max: 4 });
    survivesLostConnections(pool);
    bulkPools.set(db, pool);
  }
  return pool;
}
