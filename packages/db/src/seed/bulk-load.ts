// Loads obligors and exposures with COPY into temporary staging tables, then inserts what is new.
// Rows already present (same organization and external id) are left as they are, so loads are
// idempotent and a re-run after a crash finishes the job. Rows stream from any iterable (a
// generator of a million rows never sits in memory); large loads rebuild the exposure indexes, and
// a connection allowed to switch triggers off (see insert-staged.ts) does the triggers' work once per load.
// Given the database's URL, a large load stages its exposures on a second connection while the obligors
// go in (exposures-staged-aside.ts).
// A superuser's load compresses its WAL (lz4): the rebuilt indexes are written to it page by page.
import type pg from 'pg';
import { COPY_NULL, copyField, copyRowsIn } from '../bulk/copy-text.ts';
import { uuidV7Sequence } from '../bulk/uuid-v7.ts';
import { insertStaged } from './insert-staged.ts';
import { STAGE_EXPOSURES_COLUMNS, STAGE_EXPOSURES_NAMES, stageExposuresAside } from './exposures-staged-aside.ts';
import { compressWalWherePermitted } from './wal-compression.ts';
import { forgetPendingIndexes, missingPendingIndexes, recordPendingIndexes } from './deferred-indexes.ts';

export interface ObligorRow {
  externalId: string;
  name: string;
  segment: 'RETAIL' | 'SME' | 'CORPORATE';
  sector: string | null;
  country: string | null;
}

export interface ExposureRow {
  externalId: string;
  obligorExternalId: string;
  product: string;
  currency: string;
  ead: string;
  limit: string;
  lgd: string;
  maturityDate: string | null;
  originationDate: string | null;
  collateralValue: string | null;
  daysPastDue: number;
  status: 'PERFORMING' | 'WATCHLIST' | 'DEFAULTED' | 'CLOSED';
}

/** A COPY text field: NULL, or the string escaped. */
const field = (v: string | null): string => (v === null ? COPY_NULL : copyField(v));

/**
 * COPYs rows into `target`, each written straight into COPY's text format (no CSV writer, no array per
 * row: at a million rows both showed, and the loader, not the database, set the pace of the COPY).
 */
async function copyRows<T>(client: pg.ClientBase, target: string, rows: Iterable<T>, line: (row: T) => string): Promise<number> {
  let count = 0;
  await copyRowsIn(
    client,
    target,
    (function* () {
      for (const row of rows) {
        count += 1;
        yield line(row);
      }
    })(),
  );
  return count;
}

/** Loads at least this big, and at least as big as the exposures already stored, rebuild the indexes. */
export const REBUILD_INDEXES_FROM = 100_000;

export interface LoadOptions {
  /**
   * 'auto' (default): when the load is large (see REBUILD_INDEXES_FROM) and this connection owns the
   * table, drop the secondary indexes of the exposures and of their per-obligor totals, insert, and build them again, in the same
   * transaction: building an index is several times faster than growing it row by row. The table is
   * locked against readers until the load commits. The obligors, when as many as those stored, go in
   * the same way around their unique index when `obligors` is free within a moment (see
   * obligors-index-rebuilt.ts), and lock it so too. false: always insert through the indexes. 'always':
   * rebuild at any size when this connection owns the table (tests of the large-load path).
   */
  rebuildIndexes?: 'auto' | false | 'always';
  /**
   * 'auto' (default): set-based when the connection may switch triggers off (see insert-staged.ts).
   * 'always': through the triggers, row by row (the reference the set-based path is tested against).
   */
  triggers?: 'auto' | 'always';
  /**
   * Where the indexes a rebuilding load dropped are built again. 'in-transaction' (default): before
   * this function returns, one after another. 'after-commit': recorded in pending_index_builds
   * instead; the caller commits and calls buildPendingIndexes (deferred-indexes.ts), which builds them
   * on several connections at once and analyzes their tables. Until then readers see the committed
   * rows without those indexes (slower pages, not wrong ones) instead of waiting for the builds.
   */
  indexBuilds?: 'in-transaction' | 'after-commit';
  /**
   * The database's URL, for a second connection that stages the exposures while this one puts the
   * obligors in (exposures-staged-aside.ts): for loads whose obligors go in around their unique index
   * (as many as those stored, REBUILD_INDEXES_FROM or more), by a role that may create tables in the
   * schema. Without it, or where it cannot be used, the rows are staged one after the other.
   */
  connectionString?: string;
  /** Told, once the exposures are staged, the second connection's backend CPU seconds when one staged them (undefined when none did). */
  onStaged?: (staged: { asideCpuSeconds?: number | null }) => void;
}

/**
 * Indexes of `exposures` and of the per-obligor totals other than primary keys and unique constraints
 * (those serve the load's ON CONFLICT), with their definitions.
 */
async function secondaryIndexes(client: pg.ClientBase): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT quote_ident(c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid IN ('exposures'::regclass, 'portfolio_obligor_figures'::regclass) AND NOT i.indisunique AND NOT i.indisprimary`,
  );
  return rows;
}

/** Whether `table`'s indexes are rebuilt for `staged` rows (see LoadOptions); `exposures` and `obligors` are asked apart. */
async function shouldRebuild(
  client: pg.ClientBase,
  relation: 'exposures' | 'obligors',
  staged: number,
  options: LoadOptions,
): Promise<boolean> {
  if (options.rebuildIndexes === false || (staged < REBUILD_INDEXES_FROM && options.rebuildIndexes !== 'always')) return false;
  const { rows } = await client.query<{ stored: number; owner: boolean }>(
    `SELECT greatest(c.reltuples, 0)::float8 AS stored,
            pg_has_role(current_user, c.relowner, 'USAGE') AS owner
       FROM pg_class c WHERE c.oid = $1::regclass`,
    [relation],
  );
  const table = rows[0];
  return Boolean(table?.owner) && (options.rebuildIndexes === 'always' || staged >= (table?.stored ?? 0));
}

/**
 * Inserts the obligors and exposures that do not exist yet. Returns the number of new exposures.
 * Runs inside the caller's transaction (the staging tables are dropped at commit).
 */
export async function loadPortfolio(
  client: pg.ClientBase,
  organizationId: string,
  portfolioId: string,
  obligors: Iterable<ObligorRow>,
  exposures: Iterable<ExposureRow>,
  options: LoadOptions = {},
): Promise<number> {
  // Memory for this load's sorts, hash joins and index builds (the defaults are sized for requests).
  await client.query(`SELECT set_config('work_mem', '256MB', true), set_config('maintenance_work_mem', '1GB', true)`);
  await compressWalWherePermitted(client, 'transaction');
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS stage_obligors (id uuid, external_id text, name text, segment text, sector text, country text) ON COMMIT DROP`,
  );
  await client.query('TRUNCATE stage_obligors');
  // Ids are made here, in reference order (rows already stored keep theirs): time-ordered, so the
  // primary keys grow at their right-hand edge instead of at random pages.
  const obligorId = uuidV7Sequence();
  const stagedObligors = await copyRows(
    client,
    'stage_obligors (id, external_id, name, segment, sector, country)',
    obligors,
    (o) => `${obligorId()}\t${field(o.externalId)}\t${field(o.name)}\t${field(o.segment)}\t${field(o.sector)}\t${field(o.country)}`,
  );
  const exposureId = uuidV7Sequence();
  const exposureLine = (e: ExposureRow) =>
    `${exposureId()}\t${field(e.externalId)}\t${field(e.obligorExternalId)}\t${field(e.product)}\t${field(e.currency)}\t` +
    `${field(e.ead)}\t${field(e.limit)}\t${field(e.lgd)}\t${field(e.maturityDate)}\t${field(e.originationDate)}\t` +
    `${field(e.collateralValue)}\t${e.daysPastDue}\t${field(e.status)}`;
  // Obligors as many as those stored go in around their unique index (none staged: nothing to rebuild
  // around, and no reason to lock every obligor). With a second connection, that runs while the exposures
  // are staged on it (exposures-staged-aside.ts), decided before their count is known.
  const obligorsRebuilt = stagedObligors > 0 && (await shouldRebuild(client, 'obligors', stagedObligors, options));
  const obligorsFirst = options.connectionString !== undefined && options.triggers !== 'always' && obligorsRebuilt;
  const aside = obligorsFirst ? await stageExposuresAside(client, options.connectionString!, exposures, exposureLine) : null;
  if (!aside) {
    await client.query(`CREATE TEMP TABLE IF NOT EXISTS stage_exposures ${STAGE_EXPOSURES_COLUMNS} ON COMMIT DROP`);
    await client.query('TRUNCATE stage_exposures');
  }
  let staged = 0;
  let rebuild = false;
  let dropped: { name: string; definition: string }[] = [];
  let inserted: number;
  try {
    inserted = await insertStaged(client, organizationId, portfolioId, {
      setBased: options.triggers !== 'always',
      obligorsFirst: aside !== null,
      exposuresStaged: async () => {
        staged = aside ? await aside.ready() : await copyRows(client, `stage_exposures ${STAGE_EXPOSURES_NAMES}`, exposures, exposureLine);
        options.onStaged?.({ asideCpuSeconds: aside ? aside.cpuSeconds : undefined });
        rebuild = await shouldRebuild(client, 'exposures', staged, options);
        dropped = rebuild ? await secondaryIndexes(client) : [];
        return {
          rebuildingIndexes: rebuild,
          rebuildingObligorIndex: rebuild && obligorsRebuilt,
        };
      },
      dropIndexes: async () => {
        for (const index of dropped) await client.query(`DROP INDEX ${index.name}`);
      },
    });
    await aside?.drop();
  } finally {
    await aside?.close();
  }
  if (rebuild) {
    // With them, what an earlier load left pending (a crash after its commit), built or recorded once more.
    const pending = await missingPendingIndexes(client);
    const rebuilt = [...dropped, ...pending.filter((p) => !dropped.some((d) => d.name === p.name))];
    if (options.indexBuilds === 'after-commit') await recordPendingIndexes(client, rebuilt);
    else {
      for (const index of rebuilt) await client.query(index.definition);
      await forgetPendingIndexes(
        client,
        pending.map((p) => p.name),
      );
    }
  }
  // Fresh statistics, so the next queries plan for the new size (autovacuum would come later); the
  // tables of indexes built after the commit are analyzed by their builder (expression statistics
  // are gathered only where the index exists).
  if (staged >= REBUILD_INDEXES_FROM)
    await client.query(
      rebuild && options.indexBuilds === 'after-commit'
        ? 'ANALYZE obligors, portfolio_figures'
        : 'ANALYZE obligors, exposures, portfolio_figures, portfolio_obligor_figures',
    );
  return inserted;
}
