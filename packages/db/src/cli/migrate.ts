// Applies pending migrations to DATABASE_URL (creating the database if needed).
import { ensureDatabase } from '../server/admin.ts';
import { redactUrl } from '../server/connection-url.ts';
import { migrateDatabase } from '../migrations/migrate.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set (npm start manages an embedded database by itself).');
  process.exit(2);
}
await ensureDatabase(url);
const { applied } = await migrateDatabase(url);
console.log(applied.length ? `applied ${applied.join(', ')} to ${redactUrl(url)}` : `${redactUrl(url)} is up to date`);
