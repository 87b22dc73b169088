// Applies pending migrations to DATABASE_URL (creating the database if needed).
import { ensureDatabase } from '../server/admin.ts';
import { redactUrl } from '../server/connection-url.ts';
import { migrateDatabase } from '../migrations/migrate.ts';
import { requireDatabaseUrl } from './env.ts';

const url = requireDatabaseUrl(' (npm start manages an embedded database by itself)');
await ensureDatabase(url);
const { applied } = await migrateDatabase(url);
console.log(applied.length ? `applied ${applied.join(', ')} to ${redactUrl(url)}` : `${redactUrl(url)} is up to date`);
