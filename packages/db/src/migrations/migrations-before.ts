// For tests of one migration: a folder holding copies of the migrations before it, to migrate a
// database up to that point, arrange what the migration must handle, then apply the rest.
import { cp, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrationsDir } from './paths.ts';

/** A temporary folder holding copies of the migrations before `name` (the caller removes it). */
export async function migrationsBefore(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'probity-migrations-'));
  for (const entry of await readdir(migrationsDir)) {
    if (entry >= name && entry !== 'migration_lock.toml') continue;
    await cp(path.join(migrationsDir, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

/** The migrations from `name` on, in order: what migrating a database made from migrationsBefore(name) applies. */
export async function migrationsFrom(name: string): Promise<string[]> {
  return (await readdir(migrationsDir)).filter((entry) => entry >= name && entry !== 'migration_lock.toml').sort();
}
