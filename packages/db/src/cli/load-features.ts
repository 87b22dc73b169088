// Loads a feature file into an organization's feature store (the same path as the API's mutation):
//   DATABASE_URL=... npm run features -w @probity/db -- --org demo-bank --level EXPOSURE --as-of 2026-10-31 cards.csv [--id-column external_id]
// Prints the load, or every problem with its column and rows (exit code 2; nothing is stored).
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import pg from 'pg';
import { createDatabase } from '../client.ts';
import { FEATURE_LEVELS, type FeatureLevel } from '../domain/features.ts';
import { DEFAULT_ID_COLUMN, loadFeatures } from '../features/load-features.ts';
import { requireDatabaseUrl } from './env.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { org: { type: 'string' }, level: { type: 'string' }, 'as-of': { type: 'string' }, 'id-column': { type: 'string' } },
});
const file = positionals[0];
const level = values.level?.toUpperCase();
if (!file || !values.org || !values['as-of'] || !FEATURE_LEVELS.includes(level as FeatureLevel)) {
  console.error('usage: load-features --org <slug> --level OBLIGOR|EXPOSURE --as-of YYYY-MM-DD [--id-column external_id] <file.csv>');
  process.exit(2);
}
const url = requireDatabaseUrl();

// The organization by its slug, as the owner role (a command-line tool run by an operator).
const admin = new pg.Client({ connectionString: url });
await admin.connect();
const org = await admin.query<{ id: string }>('SELECT id FROM organizations WHERE slug = $1', [values.org]);
await admin.end();
if (org.rowCount === 0) {
  console.error(`no organization with slug "${values.org}"`);
  process.exit(2);
}

const db = createDatabase({ connectionString: url, poolSize: 2 });
const started = Date.now();
try {
  const result = await loadFeatures(
    db,
    { organizationId: org.rows[0]!.id, actor: { kind: 'system', name: 'load-features CLI' } },
    {
      level: level as FeatureLevel,
      asOf: values['as-of'],
      source: { path: file },
      idColumn: values['id-column'] ?? DEFAULT_ID_COLUMN,
      fileName: basename(file),
    },
  );
  for (const issue of result.issues) {
    const where = issue.column ? ` [column ${issue.column}]` : '';
    console.error(`${issue.severity.toUpperCase()} ${issue.code}${where}: ${issue.message}`);
  }
  if (!result.ok) {
    console.error('nothing was stored');
    process.exitCode = 2;
  } else {
    const { load } = result;
    console.log(
      `loaded ${load.rowCount} ${load.level.toLowerCase()} rows x ${load.columns.length} features as of ${load.asOf} in ${Date.now() - started} ms (load ${load.id})`,
    );
  }
} finally {
  await db.close();
}
