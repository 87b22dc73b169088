// Index builds a bulk load leaves for after its commit (loadPortfolio's `indexBuilds: 'after-commit'`).
// One transaction builds its indexes one after another; committed rows can be indexed by several
// connections at once, each CREATE INDEX holding a SHARE lock that lets the others (and readers) in.
// On two cores the trigram index (about 9 s at a million exposures) then builds beside the btrees
// instead of before them. The load records what it dropped in pending_index_builds in its own
// transaction; a builder deletes each row in the transaction that builds its index, so a crash in
// between leaves the row, and the next start (scripts/start, the migrate CLI) or builder finishes it.
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { backendCpuSeconds } from './timed-steps.ts';
import { compressWalWherePermitted } from './wal-compression.ts';

export interface IndexDefinition {
  name: string;
  definition: string;
}

export interface BuiltIndex {
  name: string;
  seconds: number;
  /** The building backend's CPU seconds (its parallel workers not included); null where /proc is not readable. */
  cpuSeconds: number | null;
}

/** Records indexes to build after the caller's transaction commits (an earlier record of a name is replaced). */
export async function recordPendingIndexes(client: pg.ClientBase, indexes: IndexDefinition[]): Promise<void> {
  if (indexes.length === 0) return;
  await client.query(
    `INSERT INTO pending_index_builds (name, definition)
     SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, created_at = now()`,
    [indexes.map((i) => i.name), indexes.map((i) => i.definition)],
  );
}

/** Recorded indexes that do not exist (a crash after a load's commit left them), in this connection's view. */
export async function missingPendingIndexes(client: pg.ClientBase): Promise<IndexDefinition[]> {
  const { rows } = await client.query<IndexDefinition>(
    `SELECT name, definition FROM pending_index_builds WHERE to_regclass(name) IS NULL ORDER BY name`,
  );
  return rows;
}

/** Forgets recorded indexes (built by the caller's transaction). */
export async function forgetPendingIndexes(client: pg.ClientBase, names: string[]): Promise<void> {
  if (names.length > 0) await client.query('DELETE FROM pending_index_builds WHERE name = ANY($1::text[])', [names]);
}

// Largest builds first, so the last one to finish is short: trigram indexes, then other GIN, then btrees.
const NEXT_PENDING = `
  SELECT name, definition FROM pending_index_builds
   ORDER BY (definition LIKE '%gin_trgm_ops%') DESC, (definition LIKE '% USING gin %') DESC, created_at, name
   LIMIT 1 FOR UPDATE SKIP LOCKED`;

/** The table an index is on, or undefined where no index has that name. */
async function indexTable(client: pg.Client, name: string): Promise<string | undefined> {
  const { rows } = await client.query<{ table: string }>(
    'SELECT indrelid::regclass::text AS table FROM pg_index WHERE indexrelid = to_regclass($1)',
    [name],
  );
  return rows[0]?.table;
}

/** Takes recorded builds one at a time until none is left that another builder has not taken. */
async function buildInTurn(client: pg.Client, built: BuiltIndex[], tables: Set<string>, buildersFillCores: boolean): Promise<void> {
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await compressWalWherePermitted(client, 'session');
  const cpuNow = () => backendCpuSeconds((sql) => client.query<{ stat: string }>(sql));
  for (;;) {
    await client.query('BEGIN');
    try {
      const next = (await client.query<IndexDefinition>(NEXT_PENDING)).rows[0];
      if (!next) {
        await client.query('ROLLBACK');
        return;
      }
      const [started, cpuBefore] = [performance.now(), await cpuNow()];
      // Built already (a builder that crashed after its CREATE INDEX committed cannot: both are one transaction;
      // but an operator may have built it by hand).
      let table = await indexTable(client, next.name);
      if (!table) {
        // No parallel workers of a build's own when the builders fill the cores. A btree build's workers
        // each sort a share of the rows into a temporary file that the builder then merges: worth it on
        // idle cores, extra work on cores the other builder fills (a million exposures, PostgreSQL 15, 2
        // cores, 2 builders: the builds after the commit 13.1 to 14.8 s without, 15.3 to 15.8 with). The
        // same for GIN on PostgreSQL 18, which builds it in parallel (15 does not): the trigram and filter
        // indexes' workers took the other builder's core (2026-12-04, the embedded PostgreSQL 18,
        // `bench:load`, alternating: 18.9 and 20.4 s with them, 16.0 and 16.1 s without).
        if (buildersFillCores) await client.query('SET LOCAL max_parallel_maintenance_workers = 0');
        await client.query(next.definition);
        table = await indexTable(client, next.name);
      }
      await forgetPendingIndexes(client, [next.name]);
      await client.query('COMMIT');
      const cpuAfter = cpuBefore === null ? null : await cpuNow();
      if (table) tables.add(table);
      built.push({
        name: next.name,
        seconds: (performance.now() - started) / 1000,
        cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
      });
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }
}

/**
 * Builds every recorded index on `connections` connections at once (default: one per core, two to
 * four, and never more than there are records), then refreshes the statistics of their tables (an
 * expression index's statistics are gathered only while it exists). Safe beside other builders: each
 * takes a record no other holds. Returns what this call built. The role must own the tables (the bulk
 * load's role). With nothing recorded (every start of the platform) it opens one connection and asks.
 */
export async function buildPendingIndexes(connectionString: string, options: { connections?: number } = {}): Promise<BuiltIndex[]> {
  const clients = [new pg.Client({ connectionString })];
  const built: BuiltIndex[] = [];
  const tables = new Set<string>();
  try {
    await clients[0]!.connect();
    const { rows } = await clients[0]!.query<{ n: number }>('SELECT count(*)::int AS n FROM pending_index_builds');
    const count = Math.min(rows[0]!.n, options.connections ?? Math.min(4, Math.max(2, availableParallelism())));
    if (count === 0) return built;
    for (let i = 1; i < count; i++) clients.push(new pg.Client({ connectionString }));
    await Promise.all(clients.slice(1).map((c) => c.connect()));
    const fillCores = count >= availableParallelism();
    const outcomes = await Promise.allSettled(clients.map((c) => buildInTurn(c, built, tables, fillCores)));
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    // Tables analyzed side by side too (a million exposures: about a second).
    const queue = [...tables];
    await Promise.all(
      clients.map(async (c) => {
        for (let table = queue.shift(); table; table = queue.shift()) await c.query(`ANALYZE ${table}`);
      }),
    );
    return built;
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}
