// 20261130170000_rescore_run_partitions turns `scores` into a table partitioned by run. Scores written
// before it must survive with their runs, keep one score per run and exposure, and a run planned after
// it must get a partition of its own.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createFreshDatabase } from '../testing/database.ts';
import { migrateDatabase } from './migrate.ts';
import { migrationsDir } from './paths.ts';

const PARTITIONING = '20261130170000_rescore_run_partitions';
const ORG = '0190f000-0000-7000-8000-000000000001';
const RUN_A = '0190f000-0000-7000-8000-00000000000a';
const RUN_B = '0190f000-0000-7000-8000-00000000000b';
const RUN_C = '0190f000-0000-7000-8000-00000000000c';
const RUN_C_TABLE = `scores_${RUN_C.replaceAll('-', '')}`;
const exposure = (i: number) => `0190f000-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`;

/** A copy of the migrations folder as it was just before the partitioning one. */
async function foldersBefore(name: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rescore-migrations-'));
  for (const entry of await readdir(migrationsDir)) {
    if (entry >= name && entry !== 'migration_lock.toml') continue; // the lock file sorts after every folder
    await cp(path.join(migrationsDir, entry), path.join(dir, entry), { recursive: true });
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

describe('scores partitioned by run', () => {
  it('keeps the scores written before, each run once per exposure, and gives a new run its own partition', async () => {
    const db = await createFreshDatabase(inject('databaseServerUrl'), 'rescore_parts', { migrate: false });
    const before = await foldersBefore(PARTITIONING);
    const client = new pg.Client({ connectionString: db.url });
    try {
      await migrateDatabase(db.url, before.dir);
      await client.connect();
      const score = (run: string, i: number) =>
        client.query(
          `INSERT INTO scores (run_id, exposure_id, organization_id, obligor_id, model_version_id, as_of, input_hash, pd, grade, reason_features, reason_values)
           VALUES ($1, $2, $3, $3, $3, '2026-10-31', repeat('c', 64), $4, 'G1', '{PAY_0}', '{0.5}')`,
          [run, exposure(i), ORG, i / 100],
        );
      for (let i = 0; i < 3; i++) await score(RUN_A, i);
      for (let i = 0; i < 2; i++) await score(RUN_B, i);

      expect((await migrateDatabase(db.url)).applied).toEqual([PARTITIONING]);

      const counts = await client.query<{ run_id: string; n: string }>(
        'SELECT run_id, count(*) AS n FROM scores GROUP BY run_id ORDER BY run_id',
      );
      expect(counts.rows).toEqual([
        { run_id: RUN_A, n: '3' },
        { run_id: RUN_B, n: '2' },
      ]);
      const kept = await client.query('SELECT pd, reason_features, reason_values FROM scores WHERE run_id = $1 AND exposure_id = $2', [
        RUN_B,
        exposure(1),
      ]);
      expect(kept.rows).toEqual([{ pd: 0.01, reason_features: ['PAY_0'], reason_values: [0.5] }]);
      await expect(score(RUN_A, 1)).rejects.toThrow(/scores_before_partitions_pkey|duplicate key/);
      // A run that is not a partition's is refused, not silently stored.
      await expect(score(RUN_C, 0)).rejects.toThrow(/no partition/);

      await client.query('SELECT probity_open_run_scores($1::uuid)', [RUN_C]);
      await client.query(
        `INSERT INTO ${RUN_C_TABLE} (run_id, exposure_id, organization_id, obligor_id, model_version_id, as_of, input_hash, pd, grade)
         VALUES ($1, $2, $3, $3, $3, '2026-10-31', repeat('d', 64), 0.2, 'G2'), ($1, $2, $3, $3, $3, '2026-10-31', repeat('d', 64), 0.3, 'G3')`,
        [RUN_C, exposure(0), ORG],
      );
      // Not visible before the run is attached; attaching builds the key, which refuses the duplicate.
      expect((await client.query('SELECT count(*) AS n FROM scores WHERE run_id = $1', [RUN_C])).rows).toEqual([{ n: '0' }]);
      await expect(client.query('SELECT probity_close_run_scores($1::uuid)', [RUN_C])).rejects.toThrow(
        /could not create unique index|duplicate/,
      );
      await client.query(`DELETE FROM ${RUN_C_TABLE} WHERE pd = 0.3`);
      await client.query('SELECT probity_close_run_scores($1::uuid)', [RUN_C]);
      expect((await client.query('SELECT count(*) AS n FROM scores WHERE run_id = $1', [RUN_C])).rows).toEqual([{ n: '1' }]);
      const indexes = await client.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE tablename = $1 ORDER BY indexname', [
        RUN_C_TABLE,
      ]);
      expect(indexes.rows.map((r) => r.indexdef.replace(/^.* USING /, ''))).toEqual([
        'btree (exposure_id)',
        'btree (run_id, exposure_id)',
        'btree (run_id, pd, exposure_id)',
      ]);
      // The tenant role reads scores through `scores` and its policy only, never a run's table.
      await client.query('SET ROLE probity_app');
      await expect(client.query(`SELECT 1 FROM ${RUN_C_TABLE}`)).rejects.toThrow(/permission denied/);
      await client.query('RESET ROLE');
    } finally {
      await client.end().catch(() => undefined);
      await before.remove();
      await db.drop();
    }
  });
});
