// Migration 20261206150000_scores_pd_index on a database holding each kind of run partition the old
// (run_id, pd, exposure_id) index was on: a sealed run's, a folded partition of two runs, and a run
// still writing in parts with one part sealed. After it every partition has the (pd, exposure_id)
// index attached to the parent's, the folded one keeps a run-first index besides, the unfinished run's
// sealed part loses its old one, and that run then seals with the new index on both parts. PD-ordered
// reads return what they did before.
import { describe, expect, inject, it } from 'vitest';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { createFreshDatabase } from '../testing/database.ts';
import { createTenantFixture } from '../testing/tenant-fixture.ts';
import { insertPlaceholderChampion } from '../testing/placeholder-model.ts';
import { insertBandedScores, insertSucceededRun } from '../testing/succeeded-run.ts';
import { migrateDatabase } from './migrate.ts';
import { migrationsBefore, migrationsFrom } from './migrations-before.ts';

const MIGRATION = '20261206150000_scores_pd_index';

/** An index's columns as pg_get_indexdef writes them, e.g. "(pd, exposure_id)". */
const COLUMNS = `regexp_replace(pg_get_indexdef(x.indexrelid), '^.* USING btree ', '')`;

describe(MIGRATION, () => {
  it('moves every run partition to the (pd, exposure_id) index, folded and unfinished runs included', async () => {
    const db = await createFreshDatabase(inject('databaseServerUrl'), 'scores_pd_index', { migrate: false });
    const before = await migrationsBefore(MIGRATION);
    const client = new pg.Client({ connectionString: db.url });
    const q = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows;
    const runTable = (runId: string) => `score_runs.r_${runId.replaceAll('-', '')}`;
    /** The columns of each index on `table`, sorted. */
    const indexesOn = async (table: string) =>
      (await q<{ cols: string }>(`SELECT ${COLUMNS} AS cols FROM pg_index x WHERE x.indrelid = $1::regclass ORDER BY 1`, [table])).map(
        (r) => r.cols,
      );
    const pdOrder = (runId: string) =>
      q<{ exposure_id: string; pd: number }>('SELECT exposure_id, pd FROM scores WHERE run_id = $1 ORDER BY pd, exposure_id', [runId]);
    try {
      await migrateDatabase(db.url, before);
      const t = await createTenantFixture(db.url, { label: 'pdindex', exposures: 8 });
      await client.connect();
      const versionId = await insertPlaceholderChampion(client, t.organizationId, 'pdindex');
      const sealedRun = async () => {
        const runId = await insertSucceededRun(client, {
          organizationId: t.organizationId,
          portfolioId: t.portfolioId,
          versionId,
          scoredCount: 8,
        });
        await insertBandedScores(client, runId, t.portfolioId);
        return runId;
      };
      const [a, b, kept] = [await sealedRun(), await sealedRun(), await sealedRun()];
      const folded = (await q<{ t: string }>('SELECT probity_fold_run_scores($1::uuid[]) AS t', [[a, b]]))[0]!.t;
      expect(await indexesOn(runTable(kept))).toEqual(['(exposure_id, run_id)', '(run_id, pd, exposure_id)']);
      const ordersBefore = [await pdOrder(a), await pdOrder(kept)];

      // A run still writing: two parts split at the fifth exposure, the first written and sealed.
      const ids = (await q<{ id: string }>('SELECT id FROM exposures WHERE portfolio_id = $1 ORDER BY id', [t.portfolioId])).map(
        (r) => r.id,
      );
      const writing = (
        await q<{ id: string }>(
          `INSERT INTO scoring_runs (id, organization_id, portfolio_id, model_version_id, status, trigger, as_of, batch_size, scored_count)
           VALUES (gen_random_uuid(), $1, $2, $3, 'RUNNING', 'manual', current_date, 4, 0) RETURNING id`,
          [t.organizationId, t.portfolioId, versionId],
        )
      )[0]!.id;
      await q('SELECT probity_open_run_scores($1::uuid, $2::uuid[])', [writing, [ids[4]]]);
      const writePart = (part: number, exposures: string[]) =>
        q(
          `INSERT INTO ${runTable(writing)}_${part} (run_id, exposure_id, organization_id, obligor_id, input_hash, pd, grade, reason_codes, reason_values)
           SELECT $1, e.id, e.organization_id, e.obligor_id, '\\x00', 0.01 * ($3::int + row_number() OVER (ORDER BY e.id)), 'G01', '{}', '{}'
             FROM exposures e WHERE e.id = ANY($2::uuid[])`,
          [writing, exposures, part * 4],
        );
      await writePart(0, ids.slice(0, 4));
      await q('SELECT probity_seal_run_scores_part($1::uuid, 0)', [writing]);
      expect(await indexesOn(`${runTable(writing)}_0`)).toEqual(['(exposure_id, run_id)', '(run_id, pd, exposure_id)']);

      // This migration first, then any later ones (they must not undo its index).
      expect((await migrateDatabase(db.url)).applied).toEqual(await migrationsFrom(MIGRATION));

      const parent = await q<{ name: string; cols: string }>(
        `SELECT x.indexrelid::regclass::text AS name, ${COLUMNS} AS cols FROM pg_index x WHERE x.indrelid = 'scores'::regclass ORDER BY 1`,
      );
      expect(parent).toEqual([
        { name: 'scores_pd_exposure_id_idx', cols: '(pd, exposure_id)' },
        { name: 'scores_pkey', cols: '(exposure_id, run_id)' },
      ]);
      expect(await indexesOn(runTable(kept))).toEqual(['(exposure_id, run_id)', '(pd, exposure_id)']);
      expect(await indexesOn(folded)).toEqual(['(exposure_id, run_id)', '(pd, exposure_id)', '(run_id, pd, exposure_id)']);
      // Every partition's PD index is the parent's (attached), so none is missing from reads through `scores`.
      const unattached = await q(
        `SELECT c.relname FROM pg_inherits p JOIN pg_index x ON x.indrelid = p.inhrelid JOIN pg_class c ON c.oid = x.indexrelid
          WHERE p.inhparent = 'scores'::regclass AND ${COLUMNS} = '(pd, exposure_id)'
            AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = x.indexrelid AND i.inhparent = 'scores_pd_exposure_id_idx'::regclass)`,
      );
      expect(unattached).toEqual([]);
      expect([await pdOrder(a), await pdOrder(kept)]).toEqual(ordersBefore);

      // The unfinished run's sealed part lost its old index; the run seals with the new one on both parts.
      expect(await indexesOn(`${runTable(writing)}_0`)).toEqual(['(exposure_id, run_id)']);
      await writePart(1, ids.slice(4));
      await q(`UPDATE scoring_runs SET status = 'SUCCEEDED', scored_count = 8, finished_at = now() WHERE id = $1`, [writing]);
      await q('SELECT probity_seal_run_scores($1::uuid)', [writing]);
      for (const part of [0, 1])
        expect(await indexesOn(`${runTable(writing)}_${part}`)).toEqual(['(exposure_id, run_id)', '(pd, exposure_id)']);
      expect((await pdOrder(writing)).map((r) => r.exposure_id)).toEqual(ids);
    } finally {
      await client.end();
      await db.drop();
      await rm(before, { recursive: true, force: true });
    }
  });
});
