// A fresh, migrated database per test run, dropped afterwards.
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '../server/admin.ts';
import { withDatabase } from '../server/connection-url.ts';
import { migrateDatabase } from '../migrations/migrate.ts';

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createFreshDatabase(serverUrl: string, label = 'test', options: { migrate?: boolean } = {}): Promise<FreshDatabase> {
  const name = `probity_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = withDatabase(serverUrl, name);
  await ensureDatabase(url);
  if (options.migrate !== false) await migrateDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}
