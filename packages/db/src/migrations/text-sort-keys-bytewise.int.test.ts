// Migration 20261203220000_text_sort_keys_bytewise on a database where a bulk load crashed after its
// commit, before its index builds: the name sort index is missing and recorded in pending_index_builds
// with its old definition. The migration builds both text sort indexes in byte order and forgets the
// stale record, so no builder brings the old definition back.
import { describe, expect, inject, it } from 'vitest';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { createFreshDatabase } from '../testing/database.ts';
import { migrateDatabase } from './migrate.ts';
import { migrationsBefore, migrationsFrom } from './migrations-before.ts';

const MIGRATION = '20261203220000_text_sort_keys_bytewise';
const NAME_INDEX = 'exposures_portfolio_id_obligor_name_id_idx';
const REFERENCE_INDEX = 'exposures_portfolio_external_id_sort_idx';

describe(MIGRATION, () => {
  it('builds both text sort indexes in byte order, also where a crashed load left one pending', async () => {
    const db = await createFreshDatabase(inject('databaseServerUrl'), 'text_sort_keys', { migrate: false });
    const before = await migrationsBefore(MIGRATION);
    const client = new pg.Client({ connectionString: db.url });
    try {
      await migrateDatabase(db.url, before);
      await client.connect();
      // What a load that crashed between its commit and its builds leaves: the index dropped, its old
      // definition recorded.
      const { rows } = await client.query<{ def: string }>('SELECT pg_get_indexdef($1::regclass) AS def', [NAME_INDEX]);
      expect(rows[0]!.def).not.toContain('COLLATE');
      await client.query(`DROP INDEX ${NAME_INDEX}`);
      await client.query('INSERT INTO pending_index_builds (name, definition) VALUES ($1, $2)', [NAME_INDEX, rows[0]!.def]);

      // This migration first, then any later ones (they must not bring the old definitions back).
      expect((await migrateDatabase(db.url)).applied).toEqual(await migrationsFrom(MIGRATION));

      for (const index of [NAME_INDEX, REFERENCE_INDEX]) {
        const built = await client.query<{ def: string }>('SELECT pg_get_indexdef($1::regclass) AS def', [index]);
        expect(built.rows[0]!.def).toContain('COLLATE "C"');
      }
      const pending = await client.query('SELECT name FROM pending_index_builds');
      expect(pending.rows).toEqual([]);
    } finally {
      await client.end();
      await db.drop();
      await rm(before, { recursive: true, force: true });
    }
  });
});
