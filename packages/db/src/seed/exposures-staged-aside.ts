// The exposures of a large load, staged on a second connection while the load's own connection puts
// the obligors in (bulk-load.ts, LoadOptions.connectionString). The load's transaction is one core's
// work; during the obligors' insert and index build the other core sat idle, while the exposures'
// COPY (the loader making the rows, a backend parsing them) waited its turn. A temporary table is
// seen by its own session only, so the rows go into an unlogged table of their own, created, filled
// (frozen: the reader sets no hint bits) and committed in one transaction of the second connection,
// then read through a temporary view named as the temporary table would be. The load drops both in
// its transaction; a table left by a load that failed after the staging committed is dropped by the
// next staged load once the backend named in it is gone.
import pg from 'pg';
import { copyRowsIn } from '../bulk/copy-text.ts';
import { backendCpuSeconds } from './timed-steps.ts';

const PREFIX = 'probity_load_stage_';

/** stage_exposures' columns with their types, as loadPortfolio creates the temporary table. */
export const STAGE_EXPOSURES_COLUMNS = `(id uuid, external_id text, obligor_external_id text, product text, currency text, ead numeric,
  "limit" numeric, lgd numeric, maturity_date date, origination_date date, collateral_value numeric, days_past_due int, status text)`;
/** The same columns' names, in that order: the COPY's column list. */
export const STAGE_EXPOSURES_NAMES = STAGE_EXPOSURES_COLUMNS.replace(/ (uuid|text|numeric|date|int)([,)])/g, '$2');

export interface ExposuresStagedAside {
  /** Waits for the COPY and shows its rows to the load's connection as `stage_exposures`; returns their count. */
  ready(): Promise<number>;
  /** The staging backend's CPU seconds (null where /proc cannot be read), once ready. */
  cpuSeconds: number | null;
  /** In the load's transaction, after the last read: drops the view and the table. */
  drop(): Promise<void>;
  /** Stops a COPY still running (the load failed) and closes the connection. */
  close(): Promise<void>;
}

/**
 * Opens the second connection and starts COPYing `rows`, each made into a COPY text row of stage_exposures'
 * columns by `line`, into a table named after the load's backend. Returns null, with nothing consumed from `rows`, when
 * the connection or the table cannot be made (the caller stages the rows itself, as before).
 */
export async function stageExposuresAside<T>(
  load: pg.ClientBase,
  connectionString: string,
  rows: Iterable<T>,
  line: (row: T) => string,
): Promise<ExposuresStagedAside | null> {
  const pid = (await load.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const table = `${PREFIX}${pid}`;
  const aside = new pg.Client({ connectionString });
  try {
    await aside.connect();
    // Tables of loads whose backend is gone (this one's own among them, from an earlier failed load).
    const { rows: stale } = await aside.query<{ name: string }>(
      `SELECT quote_ident(c.relname) AS name FROM pg_class c
        WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace AND c.relname ~ '^${PREFIX}[0-9]{1,9}$'
          AND (substr(c.relname, ${PREFIX.length + 1})::int = $1
               OR substr(c.relname, ${PREFIX.length + 1})::int NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL))`,
      [pid],
    );
    for (const { name } of stale) await aside.query(`DROP TABLE IF EXISTS ${name}`);
    await aside.query('BEGIN');
    await aside.query(`CREATE UNLOGGED TABLE ${table} ${STAGE_EXPOSURES_COLUMNS}`);
  } catch {
    await aside.end().catch(() => {});
    return null;
  }
  let cpuSeconds: number | null = null;
  let count = 0;
  const copied = (async () => {
    try {
      await copyRowsIn(
        aside,
        `${table} ${STAGE_EXPOSURES_NAMES}`,
        (function* () {
          for (const row of rows) {
            count += 1;
            yield line(row);
          }
        })(),
        { with: '(FREEZE)', shareEventLoop: true },
      );
      cpuSeconds = await backendCpuSeconds((sql) => aside.query<{ stat: string }>(sql));
      await aside.query('COMMIT');
      return count;
    } finally {
      await aside.end().catch(() => {});
    }
  })();
  copied.catch(() => {}); // awaited by ready(); a failure meanwhile is not an unhandled rejection
  return {
    async ready() {
      const count = await copied;
      // An earlier load of this transaction staged its rows in the temporary table of that name.
      await load.query('DROP TABLE IF EXISTS pg_temp.stage_exposures');
      await load.query(`CREATE TEMP VIEW stage_exposures AS SELECT * FROM ${table}`);
      return count;
    },
    get cpuSeconds() {
      return cpuSeconds;
    },
    async drop() {
      await load.query(`DROP VIEW stage_exposures`);
      await load.query(`DROP TABLE ${table}`);
    },
    async close() {
      // Ending the connection mid-COPY rolls its transaction back: the table is never seen.
      await aside.end().catch(() => {});
      await copied.catch(() => {});
    },
  };
}
