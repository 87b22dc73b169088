// Applies pending migrations to DATABASE_URL (creating the database if needed), then builds the indexes
// a bulk load dropped and could not build again before it stopped (seed/deferred-indexes.ts).
import { ensureDatabase } from '../server/admin.ts';
import { redactUrl } from '../server/connection-url.ts';
import { migrateDatabase } from '../migrations/migrate.ts';
import { buildPendingIndexes } from '../seed/deferred-indexes.ts';
import { requireDatabaseUrl } from './env.ts';

const url = requireDatabaseUrl(' (npm start manages an embedded database by itself)');
await ensureDatabase(url);
const { applied } = await migrateDatabase(url);
console.log(applied.length ? `applied ${applied.join(', ')} to ${redactUrl(url)}` : `${redactUrl(url)} is up to date`);
const built = await buildPendingIndexes(url);
if (built.length) console.log(`built ${built.length} indexes a bulk load left pending: ${built.map((b) => b.name).join(', ')}`);
