// Migration 20261201070000_scores_reason_codes on a database holding scores: a sealed run's and a
// still-running run's (open partition) reason names become codes into their run's unit list that name
// the same units in the same order, the per-score model version and as-of go, and the running run's
// partition still seals and attaches afterwards.
import { describe, expect, inject, it } from 'vitest';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { createFreshDatabase } from '../testing/database.ts';
import { insertPlaceholderChampion } from '../testing/placeholder-model.ts';
import { ensureOrganization, ensurePortfolio } from '../seed/tenants.ts';
import { loadPortfolio } from '../seed/bulk-load.ts';
import { syntheticRows } from '../seed/synthetic-portfolio.ts';
import { migrateDatabase } from './migrate.ts';
import { migrationsBefore, migrationsFrom } from './migrations-before.ts';

const MIGRATION = '20261201070000_scores_reason_codes';

describe(MIGRATION, () => {
  it('turns stored reason names into codes of the run, sealed or still open', async () => {
    const db = await createFreshDatabase(inject('databaseServerUrl'), 'reason_codes', { migrate: false });
    const before = await migrationsBefore(MIGRATION);
    const client = new pg.Client({ connectionString: db.url });
    try {
      await migrateDatabase(db.url, before);
      await client.connect();
      await client.query('BEGIN'); // the bulk loader's staging tables live for a transaction
      const one = async (text: string, params: unknown[]) => (await client.query<{ id: string }>(text, params)).rows[0]!.id;
      const org = await ensureOrganization(client, { name: 'Codes bank', slug: 'codes-bank' });
      const portfolio = await ensurePortfolio(client, org, { name: 'Codes book', description: 'migration', baseCurrency: 'EUR' });
      const rows = [...syntheticRows(3, { prefix: 'RC-' })];
      await loadPortfolio(
        client,
        org,
        portfolio,
        rows.map((r) => r.obligor),
        rows.map((r) => r.exposure),
      );
      const version = await insertPlaceholderChampion(client, org, 'codes');
      const run = (status: string) =>
        one(
          `INSERT INTO scoring_runs (id, organization_id, portfolio_id, model_version_id, status, trigger, as_of, batch_size, scored_count, finished_at)
           VALUES (gen_random_uuid(), $1, $2, $3, $4::"ScoringRunStatus", 'manual', '2026-10-31', 5000, 3, CASE WHEN $4::text = 'SUCCEEDED' THEN now() END) RETURNING id`,
          [org, portfolio, version, status],
        );
      const sealed = await run('SUCCEEDED');
      const running = await run('RUNNING');
      // Each exposure's reasons by name, as the old record kept them (one score without reasons).
      const reasons = [['PAY_0', 'BILL_AMT1', 'LIMIT_BAL'], ['LIMIT_BAL', 'PAY_0'], null];
      for (const r of [sealed, running]) {
        await client.query('SELECT probity_open_run_scores($1::uuid)', [r]);
        await client.query(
          `INSERT INTO score_runs."r_${r.replaceAll('-', '')}" (run_id, exposure_id, organization_id, obligor_id, model_version_id, as_of, input_hash, pd, grade, reason_features, reason_values)
           SELECT $1, e.id, e.organization_id, e.obligor_id, $2, '2026-10-31', '\\x00', 0.1, 'G1', ($3::jsonb ->> (row_number() OVER (ORDER BY e.external_id) - 1)::int)::text[],
                  CASE WHEN e.external_id = 'RC-E3' THEN NULL ELSE '{0.5,0.25,0.125}'::float8[] END
             FROM exposures e WHERE e.portfolio_id = $4`,
          [r, version, JSON.stringify(reasons.map((x) => (x ? `{${x.join(',')}}` : null))), portfolio],
        );
      }
      await client.query('SELECT probity_seal_run_scores($1::uuid)', [sealed]);
      await client.query('COMMIT');

      // This migration first, then any later ones (they must not undo its conversion).
      expect((await migrateDatabase(db.url)).applied).toEqual(await migrationsFrom(MIGRATION));

      await client.query('SELECT probity_seal_run_scores($1::uuid)', [running]);
      const { rows: after } = await client.query<{ run_id: string; names: string[] | null; codes: number[] | null }>(
        `SELECT s.run_id, CASE WHEN s.reason_codes IS NOT NULL THEN
                  ARRAY(SELECT r.reason_units[c + 1] FROM unnest(s.reason_codes) WITH ORDINALITY u(c, o) ORDER BY o) END AS names, s.reason_codes AS codes
           FROM scores s JOIN scoring_runs r ON r.id = s.run_id JOIN exposures e ON e.id = s.exposure_id ORDER BY s.run_id = $1 DESC, e.external_id`,
        [sealed],
      );
      expect(after.map((a) => a.names)).toEqual([...reasons, ...reasons]);
      const units = await client.query<{ units: string[] }>('SELECT reason_units AS units FROM scoring_runs ORDER BY id = $1 DESC', [
        sealed,
      ]);
      expect(units.rows.map((u) => u.units)).toEqual([
        ['BILL_AMT1', 'LIMIT_BAL', 'PAY_0'],
        ['BILL_AMT1', 'LIMIT_BAL', 'PAY_0'],
      ]);
      expect(after[0]!.codes).toEqual([2, 0, 1]);
      const columns = await client.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute WHERE attrelid = 'scores'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      );
      expect(columns.rows.map((c) => c.name)).toEqual([
        'run_id',
        'exposure_id',
        'organization_id',
        'obligor_id',
        'input_hash',
        'pd',
        'grade',
        'reason_values',
        'reason_codes',
      ]);
    } finally {
      await client.end();
      await rm(before, { recursive: true, force: true });
      await db.drop();
    }
  }, 120_000);
});
