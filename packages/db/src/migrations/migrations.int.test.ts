import { inject, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createFreshDatabase } from '../testing/database.ts';
import { migrateDatabase, pendingMigrations } from './migrate.ts';
import { schemaDrift } from './drift.ts';

import { readdirSync } from 'node:fs';
import { migrationsDir } from './paths.ts';

// Every folder, in timestamp order (each helper's migrations land in their own timestamp range).
const MIGRATIONS = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('migrations', () => {
  it('a database migrated from scratch matches schema.prisma, and re-running applies nothing', async () => {
    const db = await createFreshDatabase(inject('databaseServerUrl'), 'drift', { migrate: false });
    try {
      expect(await pendingMigrations(db.url)).toEqual(MIGRATIONS);
      const first = await migrateDatabase(db.url);
      expect(first.applied).toEqual(MIGRATIONS);
      expect(await schemaDrift(db.url)).toBe('');
      expect((await migrateDatabase(db.url)).applied).toEqual([]);
      expect(await pendingMigrations(db.url)).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('detects drift when the database differs from the schema', async () => {
    const db = await createFreshDatabase(inject('databaseServerUrl'), 'drift2');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('ALTER TABLE obligors DROP COLUMN country');
      expect(await schemaDrift(db.url)).toMatch(/ADD COLUMN\s+"country"/);
    } finally {
      await client.end();
      await db.drop();
    }
  });
});
