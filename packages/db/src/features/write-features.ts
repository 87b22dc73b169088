// The bulk write under every feature load (the API's, the CLI's and the demo seed's): rows of a table
// read by @probity/ml go by COPY into a temporary staging table, ids are resolved against the
// organization's obligors or exposures, then one INSERT ... SELECT stores them. The caller owns the
// transaction: an error (or unknown ids, returned as issues) means it rolls back and nothing is stored.
import type { Table } from '@probity/ml';
import type pg from 'pg';
import type { FeatureIssue, FeatureLevel, FeatureLoad } from '../domain/features.ts';
import type { LocalDate } from '../domain/values.ts';
import { COPY_NULL, copyField, copyRowsIn, float8ArrayLiteral } from '../bulk/copy-text.ts';
import { FEATURE_LOAD_COLUMNS, toFeatureLoad, type FeatureLoadRow } from './feature-rows.ts';
import { FEATURE_SUBJECTS } from './feature-tables.ts';

export interface FeatureRowsToWrite {
  organizationId: string;
  level: FeatureLevel;
  asOf: LocalDate;
  table: Table;
  /** Data rows (0-based) to store, in order; the issue rows are numbered by position here, from 1. */
  rows: readonly number[];
  /** External id of each stored row (same order as `rows`). */
  ids: readonly string[];
  /** Indexes into table.columns of the features. */
  featureColumns: readonly number[];
  sha256: string;
  fileName: string | null;
  createdById: string | null;
  /** Names the id column in issues. */
  idColumn: string;
  /**
   * A load through a portfolio (the dashboard's and the API's upload) only touches that portfolio: its
   * exposures, or the obligors with an exposure in it. Null: anywhere in the organization (CLI, seed).
   */
  portfolioId: string | null;
}

/** One COPY text row per stored row: row number, external id, values (float8[]), text cells (jsonb). */
function* stagingRows(input: FeatureRowsToWrite): Generator<string> {
  const { table, featureColumns } = input;
  const values = new Float64Array(featureColumns.length);
  for (let k = 0; k < input.rows.length; k++) {
    const row = input.rows[k]!;
    let texts: Record<string, string> | null = null;
    for (let f = 0; f < featureColumns.length; f++) {
      const column = table.columns[featureColumns[f]!]!;
      values[f] = column.numbers[row]!;
      const code = column.textCodes?.[row] ?? -1;
      if (code >= 0) (texts ??= {})[column.name] = column.texts[code]!;
    }
    const textField = texts === null ? COPY_NULL : copyField(JSON.stringify(texts));
    yield `${k + 1}\t${copyField(input.ids[k]!)}\t${float8ArrayLiteral(values)}\t${textField}`;
  }
}

/** Issue rows for ids the organization lacks, or (for a portfolio's load) that are outside the portfolio. */
function idIssue(
  input: FeatureRowsToWrite,
  code: string,
  rows: { row_no: number; external_id: string; total: string }[],
  what: string,
): FeatureIssue[] {
  if (rows.length === 0) return [];
  const total = Number(rows[0]!.total);
  const listed = rows.map((r) => `${r.row_no} ("${r.external_id}")`).join(', ');
  const more = total > rows.length ? ` and ${total - rows.length} more` : '';
  return [
    {
      severity: 'error',
      code,
      column: input.idColumn,
      rows: rows.map((r) => r.row_no),
      count: total,
      message: `${total === 1 ? 'row' : 'rows'} ${listed}${more} ${what}`,
    },
  ];
}

async function unknownIds(client: pg.ClientBase, input: FeatureRowsToWrite): Promise<FeatureIssue[]> {
  const subject = FEATURE_SUBJECTS[input.level];
  const { rows } = await client.query<{ row_no: number; external_id: string; total: string }>(
    `SELECT s.row_no, s.external_id, count(*) OVER () AS total
       FROM feature_stage s LEFT JOIN ${subject.entities} e ON e.organization_id = $1 AND e.external_id = s.external_id
      WHERE e.id IS NULL ORDER BY s.row_no LIMIT 20`,
    [input.organizationId],
  );
  const unknown = idIssue(input, 'unknown-id', rows, `name no ${subject.noun} of this organization`);
  if (unknown.length > 0 || input.portfolioId === null) return unknown;
  const inPortfolio =
    input.level === 'EXPOSURE'
      ? 'e.portfolio_id = $2'
      : 'EXISTS (SELECT 1 FROM exposures x WHERE x.obligor_id = e.id AND x.portfolio_id = $2)';
  const outside = await client.query<{ row_no: number; external_id: string; total: string }>(
    `SELECT s.row_no, s.external_id, count(*) OVER () AS total
       FROM feature_stage s JOIN ${subject.entities} e ON e.organization_id = $1 AND e.external_id = s.external_id
      WHERE NOT (${inPortfolio}) ORDER BY s.row_no LIMIT 20`,
    [input.organizationId, input.portfolioId],
  );
  const where = input.level === 'EXPOSURE' ? 'are exposures of another portfolio' : 'name obligors with no exposure in this portfolio';
  return idIssue(input, 'outside-portfolio', outside.rows, where);
}

/** Stages, checks and stores the rows; returns the load, or the unknown ids (the caller rolls back). */
export async function writeFeatureRows(
  client: pg.ClientBase,
  input: FeatureRowsToWrite,
): Promise<{ ok: true; load: FeatureLoad } | { ok: false; issues: FeatureIssue[] }> {
  await client.query(`CREATE TEMP TABLE feature_stage (row_no int, external_id text, "values" float8[], texts jsonb) ON COMMIT DROP`);
  await copyRowsIn(client, 'feature_stage', stagingRows(input));
  const unknown = await unknownIds(client, input);
  if (unknown.length > 0) return { ok: false, issues: unknown };
  const columns = input.featureColumns.map((i) => input.table.columns[i]!.name);
  const inserted = await client.query<FeatureLoadRow>(
    `INSERT INTO feature_loads (id, organization_id, level, as_of, columns, row_count, sha256, file_name, created_by_id)
     VALUES (gen_random_uuid(), $1, $2::"FeatureLevel", $3::date, $4::text[], $5, $6, $7, $8) RETURNING ${FEATURE_LOAD_COLUMNS}`,
    [input.organizationId, input.level, input.asOf, columns, input.rows.length, input.sha256, input.fileName, input.createdById],
  );
  const row = inserted.rows[0]!;
  await storeRows(client, input, row.id);
  await client.query('DROP TABLE feature_stage');
  return { ok: true, load: toFeatureLoad(row) };
}

/**
 * The staged rows into the store: each subject's newest day in `table` (one row per subject), older
 * days in `history` (see the feature_history migration). A day newer than the subject's latest moves
 * the latest to the history and takes its place; the same day replaces it (a corrected file); an older
 * day (a back-filled month) goes to the history. One load at a time per organization and level (an
 * advisory lock), so two loads cannot both find a subject's latest row missing or old; a statement that
 * deletes subjects takes the same lock before deleting their rows (the feature tables have no foreign
 * keys: see the feature_history migration).
 */
async function storeRows(client: pg.ClientBase, input: FeatureRowsToWrite, loadId: string): Promise<void> {
  const { entities, table, history, key } = FEATURE_SUBJECTS[input.level];
  const params = [input.organizationId, input.asOf, loadId];
  const staged = `FROM feature_stage s JOIN ${entities} e ON e.organization_id = $1 AND e.external_id = s.external_id`;
  await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0))`, [
    `probity.feature-store.${input.level}`,
    input.organizationId,
  ]);
  // An organization's first load of a level (and a million-row one is usually that) skips both moves.
  const { rows } = await client.query<{ before: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM feature_loads WHERE organization_id = $1 AND level = $2::"FeatureLevel" AND id <> $3) AS before`,
    [input.organizationId, input.level, loadId],
  );
  if (rows[0]!.before) {
    // Out of the latest table and into the history in one statement; the new rows then go in with no
    // conflict (an upsert that updated each row cost about a sixth more).
    await client.query(
      `WITH moved AS (
         DELETE FROM ${table} f USING feature_stage s JOIN ${entities} e ON e.organization_id = $1 AND e.external_id = s.external_id
          WHERE f.${key} = e.id AND f.organization_id = $1 AND f.as_of < $2::date
          RETURNING f.organization_id, f.${key}, f.as_of, f.load_id, f."values", f.texts)
       INSERT INTO ${history} (organization_id, ${key}, as_of, load_id, "values", texts)
       SELECT organization_id, ${key}, as_of, load_id, "values", texts FROM moved`,
      params.slice(0, 2),
    );
    await client.query(
      `INSERT INTO ${history} (organization_id, ${key}, as_of, load_id, "values", texts)
       SELECT $1, e.id, $2::date, $3, s."values", s.texts
         ${staged} JOIN ${table} f ON f.${key} = e.id AND f.organization_id = $1
        WHERE f.as_of > $2::date
       ON CONFLICT (${key}, as_of) DO UPDATE SET load_id = EXCLUDED.load_id, "values" = EXCLUDED."values", texts = EXCLUDED.texts`,
      params,
    );
  }
  await client.query(
    `INSERT INTO ${table} AS f (organization_id, ${key}, as_of, load_id, "values", texts)
     SELECT $1, e.id, $2::date, $3, s."values", s.texts ${staged}
     ON CONFLICT (${key}) DO UPDATE SET as_of = EXCLUDED.as_of, load_id = EXCLUDED.load_id, "values" = EXCLUDED."values", texts = EXCLUDED.texts
      WHERE f.as_of <= EXCLUDED.as_of`,
    params,
  );
}
