// A subject's feature rows, latest and history, go with it (the statement triggers that stand in for the
// foreign keys the feature tables do without: see the feature_history migration): an exposure deleted,
// an obligor deleted, an organization deleted with everything in it, and an exposure deleted while a
// load of its organization is in flight.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createDatabase, type Database } from '../client.ts';
import { createTenantFixture, type TenantFixture } from '../testing/tenant-fixture.ts';
import type { TenantScope } from '../scope.ts';
import { loadFeatures } from './load-features.ts';

let db: Database;
let owner: pg.Client;
let t: TenantFixture;

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  owner = new pg.Client({ connectionString: inject('databaseUrl') });
  await owner.connect();
  t = await createTenantFixture(inject('databaseUrl'), { label: 'feat-cascade', exposures: 3 });
  const scope: TenantScope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } };
  // Two days of each level: the older day of every subject is history.
  const { rows } = await owner.query<{ exposure: string; obligor: string }>(
    `SELECT e.external_id AS exposure, o.external_id AS obligor FROM exposures e JOIN obligors o ON o.id = e.obligor_id
      WHERE e.portfolio_id = $1 ORDER BY e.external_id`,
    [t.portfolioId],
  );
  for (const asOf of ['2026-09-30', '2026-10-31']) {
    const exposures = ['external_id,PAY_0', ...rows.map((r, i) => `${r.exposure},${i}`)].join('\n');
    const obligors = ['external_id,current_ratio', ...[...new Set(rows.map((r) => r.obligor))].map((o) => `${o},1.5`)].join('\n');
    for (const [level, text] of [
      ['EXPOSURE', exposures],
      ['OBLIGOR', obligors],
    ] as const) {
      const loaded = await loadFeatures(db, scope, { level, asOf, source: { text } });
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    }
  }
});
afterAll(async () => {
  await owner?.end();
  await db?.close();
});

type FeatureTable = 'exposure_features' | 'exposure_feature_history' | 'obligor_features' | 'obligor_feature_history';
const rowsIn = async (table: FeatureTable) =>
  Number(
    (await owner.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE organization_id = $1`, [t.organizationId])).rows[0]!.n,
  );

describe('feature history cascade', () => {
  it("deletes an exposure's feature rows with the exposure, and an obligor's with the obligor", async () => {
    expect(await rowsIn('exposure_feature_history')).toBe(3);
    const obligorsBefore = await rowsIn('obligor_feature_history');
    expect(obligorsBefore).toBeGreaterThan(0);
    const { rows } = await owner.query<{ id: string; obligor_id: string }>(
      'DELETE FROM exposures WHERE id = (SELECT min(id::text)::uuid FROM exposures WHERE portfolio_id = $1) RETURNING id, obligor_id',
      [t.portfolioId],
    );
    expect(await rowsIn('exposure_feature_history')).toBe(2);
    expect(await rowsIn('exposure_features')).toBe(2);
    const left = await owner.query(
      'SELECT 1 FROM exposure_feature_history WHERE exposure_id = $1 UNION ALL SELECT 1 FROM exposure_features WHERE exposure_id = $1',
      [rows[0]!.id],
    );
    expect(left.rowCount).toBe(0);
    // The obligor, now it has no exposure left (the fixture gives each exposure an obligor of its own).
    const still = await owner.query('SELECT 1 FROM exposures WHERE obligor_id = $1', [rows[0]!.obligor_id]);
    expect(still.rowCount).toBe(0);
    await owner.query('DELETE FROM obligors WHERE id = $1', [rows[0]!.obligor_id]);
    expect(await rowsIn('obligor_feature_history')).toBe(obligorsBefore - 1);
  });

  it('deletes the rows a load in flight writes for an exposure deleted meanwhile, once the load commits', async () => {
    const { rows } = await owner.query<{ id: string }>('SELECT id FROM exposures WHERE portfolio_id = $1 ORDER BY id LIMIT 1', [
      t.portfolioId,
    ]);
    const exposureId = rows[0]!.id;
    const load = new pg.Client({ connectionString: inject('databaseUrl') });
    await load.connect();
    try {
      // A load's transaction, as writeFeatureRows runs it: the organization's lock, then its rows.
      await load.query('BEGIN');
      await load.query(`SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0))`, [
        'probity.feature-store.EXPOSURE',
        t.organizationId,
      ]);
      await load.query(
        `INSERT INTO exposure_feature_history (organization_id, exposure_id, as_of, load_id, "values")
         SELECT organization_id, exposure_id, '2026-08-31', load_id, "values" FROM exposure_features WHERE exposure_id = $1`,
        [exposureId],
      );
      let deleted = false;
      const deleting = owner.query('DELETE FROM exposures WHERE id = $1', [exposureId]).then(() => (deleted = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(deleted).toBe(false); // waiting for the load
      await load.query('COMMIT');
      await deleting;
    } finally {
      await load.end();
    }
    const left = await owner.query(
      'SELECT 1 FROM exposure_feature_history WHERE exposure_id = $1 UNION ALL SELECT 1 FROM exposure_features WHERE exposure_id = $1',
      [exposureId],
    );
    expect(left.rowCount).toBe(0);
  });

  it("deletes an organization's feature rows with the organization", async () => {
    await owner.query('DELETE FROM organizations WHERE id = $1', [t.organizationId]);
    for (const table of ['exposure_features', 'exposure_feature_history', 'obligor_features', 'obligor_feature_history'] as const)
      expect(await rowsIn(table)).toBe(0);
  });
});
