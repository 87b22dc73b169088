// Loads obligors and exposures with COPY into temporary staging tables, then inserts what is new.
// Rows already present (same organization and external id) are left as they are, so loads are
// idempotent and a re-run after a crash finishes the job.
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

/** Inserts the obligors and exposures that do not exist yet. Returns the number of new exposures. */
export async function loadPortfolio(
  client: pg.ClientBase,
  organizationId: string,
  portfolioId: string,
  obligors: ObligorRow[],
  exposures: ExposureRow[],
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
    obligors.map((o) => [o.externalId, o.name, o.segment, o.sector, o.country]),
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
    exposures.map((e) => [
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
  await client.query(
    `INSERT INTO obligors (id, organization_id, external_id, name, segment, sector, country, updated_at)
     SELECT gen_random_uuid(), $1, s.external_id, s.name, s.segment::"Segment", s.sector, s.country, now() FROM stage_obligors s
     ON CONFLICT (organization_id, external_id) DO NOTHING`,
    [organizationId],
  );
  const inserted = await client.query(
    `INSERT INTO exposures (id, organization_id, portfolio_id, obligor_id, external_id, product, currency, ead, "limit", lgd,
                            maturity_date, origination_date, collateral_value, days_past_due, status, updated_at)
     SELECT gen_random_uuid(), $1, $2, o.id, s.external_id, s.product, s.currency, s.ead, s."limit", s.lgd,
            s.maturity_date, s.origination_date, s.collateral_value, s.days_past_due, s.status::"ExposureStatus", now()
       FROM stage_exposures s JOIN obligors o ON o.organization_id = $1 AND o.external_id = s.obligor_external_id
     ON CONFLICT (organization_id, external_id) DO NOTHING`,
    [organizationId, portfolioId],
  );
  return inserted.rowCount ?? 0;
}
