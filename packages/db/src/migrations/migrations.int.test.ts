import { inject, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { createFreshDatabase } from '../testing/database.ts';
import { migrateDatabase, pendingMigrations } from './migrate.ts';
import { schemaDrift } from './drift.ts';
import { migrationsDir } from './paths.ts';

// Every folder, in order (read from disk so that parallel branches adding migrations do not collide here).
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

  it('keeps the first migrations in order', () => {
    expect(MIGRATIONS.slice(0, 3)).toEqual([
      '20261127000000_init',
      '20261127000100_row_level_security',
      '20261127000200_portfolio_data_version',
    ]);
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
