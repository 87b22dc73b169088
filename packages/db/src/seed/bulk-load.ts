// Loads obligors and exposures with COPY into temporary staging tables, then inserts what is new.
// Rows already present (same organization and external id) are left as they are, so loads are
// idempotent and a re-run after a crash finishes the job. Rows stream from any iterable (a
// generator of a million rows never sits in memory); large loads rebuild the exposure indexes.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { from as copyFrom } from 'pg-copy-streams';
import type pg from 'pg';

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

async function copyRows(client: pg.ClientBase, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<void> {
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv, NULL '\\N')`));
  const csv = stringify({ cast: { boolean: (b) => String(b) } });
  await pipeline(
    Readable.from(
      (function* () {
        for (const row of rows) yield row.map((v) => (v === null || v === undefined ? '\\N' : v));
      })(),
    ),
    csv,
    sink,
  );
}

function* mapRows<T>(rows: Iterable<T>, convert: (row: T) => unknown[]): Generator<unknown[]> {
  for (const row of rows) yield convert(row);
}

/** Loads at least this big, and at least as big as the exposures already stored, rebuild the indexes. */
export const REBUILD_INDEXES_FROM = 100_000;

export interface LoadOptions {
  /**
   * 'auto' (default): when the load is large (see REBUILD_INDEXES_FROM) and this connection owns the
   * table, drop the exposure table's secondary indexes, insert, and build them again, in the same
   * transaction: building an index is several times faster than growing it row by row. The table is
   * locked against readers until the load commits. false: always insert through the indexes.
   */
  rebuildIndexes?: 'auto' | false;
}

/** Indexes of `exposures` other than the primary key and unique constraints, with their definitions. */
async function secondaryIndexes(client: pg.ClientBase): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT quote_ident(c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'exposures'::regclass AND NOT i.indisunique AND NOT i.indisprimary`,
  );
  return rows;
}

async function shouldRebuild(client: pg.ClientBase, staged: number, options: LoadOptions): Promise<boolean> {
  if (options.rebuildIndexes === false || staged < REBUILD_INDEXES_FROM) return false;
  const { rows } = await client.query<{ stored: number; owner: boolean }>(
    `SELECT greatest(c.reltuples, 0)::float8 AS stored,
            pg_has_role(current_user, c.relowner, 'USAGE') AS owner
       FROM pg_class c WHERE c.oid = 'exposures'::regclass`,
  );
  const table = rows[0];
  return Boolean(table?.owner) && staged >= (table?.stored ?? 0);
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
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS stage_obligors (external_id text, name text, segment text, sector text, country text) ON COMMIT DROP`,
  );
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS stage_exposures (external_id text, obligor_external_id text, product text, currency text, ead numeric,
       "limit" numeric, lgd numeric, maturity_date date, origination_date date, collateral_value numeric, days_past_due int, status text) ON COMMIT DROP`,
  );
  await client.query('TRUNCATE stage_obligors, stage_exposures');
  await copyRows(
    client,
    'stage_obligors',
    ['external_id', 'name', 'segment', 'sector', 'country'],
    mapRows(obligors, (o) => [o.externalId, o.name, o.segment, o.sector, o.country]),
  );
  await copyRows(
    client,
    'stage_exposures',
    [
      'external_id',
      'obligor_external_id',
      'product',
      'currency',
      'ead',
      '"limit"',
      'lgd',
      'maturity_date',
      'origination_date',
      'collateral_value',
      'days_past_due',
      'status',
    ],
    mapRows(exposures, (e) => [
      e.externalId,
      e.obligorExternalId,
      e.product,
      e.currency,
      e.ead,
      e.limit,
      e.lgd,
      e.maturityDate,
      e.originationDate,
      e.collateralValue,
      e.daysPastDue,
      e.status,
    ]),
  );
  const staged = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM stage_exposures')).rows[0]?.n ?? 0);
  const rebuild = await shouldRebuild(client, staged, options);
  const dropped = rebuild ? await secondaryIndexes(client) : [];
  for (const index of dropped) await client.query(`DROP INDEX ${index.name}`);

  // Time-ordered ids and rows in reference order: the primary key and the unique (organization,
  // reference) index then grow at their right-hand edge instead of at random pages.
  await client.query(
    `INSERT INTO obligors (id, organization_id, external_id, name, segment, sector, country, updated_at)
     SELECT probity_uuid_v7(), $1, s.external_id, s.name, s.segment::"Segment", s.sector, s.country, now()
       FROM stage_obligors s ORDER BY s.external_id
     ON CONFLICT (organization_id, external_id) DO NOTHING`,
    [organizationId],
  );
  // The obligor's fields are copied onto the exposure here, in the join, rather than row by row by
  // the exposures_copy_obligor_insert trigger.
  const inserted = await client.query(
    `INSERT INTO exposures (id, organization_id, portfolio_id, obligor_id, external_id, product, currency, ead, "limit", lgd,
                            maturity_date, origination_date, collateral_value, days_past_due, status, updated_at,
                            obligor_name, obligor_external_id, obligor_segment, obligor_sector, obligor_country)
     SELECT probity_uuid_v7(), $1, $2, o.id, s.external_id, s.product, s.currency, s.ead, s."limit", s.lgd,
            s.maturity_date, s.origination_date, s.collateral_value, s.days_past_due, s.status::"ExposureStatus", now(),
            o.name, o.external_id, o.segment, o.sector, o.country
       FROM stage_exposures s JOIN obligors o ON o.organization_id = $1 AND o.external_id = s.obligor_external_id
      ORDER BY s.external_id
     ON CONFLICT (organization_id, external_id) DO NOTHING`,
    [organizationId, portfolioId],
  );
  if (rebuild) {
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    for (const index of dropped) await client.query(index.definition);
  }
  // Fresh statistics, so the next queries plan for the new size (autovacuum would come later).
  if (staged >= REBUILD_INDEXES_FROM) await client.query('ANALYZE obligors, exposures, portfolio_figures, portfolio_obligor_figures');
  return inserted.rowCount ?? 0;
}
