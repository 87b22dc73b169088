// The load analyzes a table whose statistics do not know the organization's rows (stale-statistics.ts):
// without it, the demo seed's second run spent minutes in nested loops planned for one stored obligor. A
// database of its own: the shared one's other test files analyze these tables at any time.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createFreshDatabase, type FreshDatabase } from '../testing/database.ts';
import { loadBook } from '../testing/load-book.ts';
import { syntheticRows } from './synthetic-portfolio.ts';
import { analyzeWhereStale } from './stale-statistics.ts';

let database: FreshDatabase;
let owner: pg.Client;
beforeAll(async () => {
  database = await createFreshDatabase(inject('databaseServerUrl'), 'stale_statistics');
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
  await owner.query('ALTER TABLE obligors SET (autovacuum_enabled = false)'); // nor may autovacuum, in this database
  await owner.query('ALTER TABLE exposures SET (autovacuum_enabled = false)');
});
afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

const estimate = async (table: string, organizationId: string) =>
  (
    await owner.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${table} WHERE organization_id = $1`,
      [organizationId],
    )
  ).rows[0]!['QUERY PLAN'][0].Plan['Plan Rows'];

describe('statistics of the stored rows a load joins', () => {
  it('are refreshed when they do not know the organization, and left alone when they do', async () => {
    const rows = [...syntheticRows(3_000, { prefix: 'STALE-' })];
    const slug = `stale-${Date.now()}`;
    await owner.query('ANALYZE obligors, exposures'); // statistics from before the organization's rows
    const first = await loadBook(
      owner,
      { slug, description: 'stale statistics test' },
      rows.map((r) => r.obligor),
      rows.map((r) => r.exposure),
      { rebuildIndexes: false },
    );
    expect(await estimate('obligors', first.organizationId)).toBeLessThan(300);
    // A second book of the same obligors: the load refreshes the statistics before its joins.
    const second = await loadBook(
      owner,
      { slug, book: 'Second', description: 'stale statistics test' },
      rows.map((r) => r.obligor),
      rows.map((r) => ({ ...r.exposure, externalId: `${r.exposure.externalId}-2` })),
      { rebuildIndexes: false },
    );
    expect(second.inserted).toBe(3_000);
    expect(await estimate('obligors', first.organizationId)).toBeGreaterThan(1_000);
    expect(await estimate('exposures', first.organizationId)).toBeGreaterThan(1_000);
    expect(await analyzeWhereStale(owner, 'obligors', first.organizationId)).toBe(false);
    // Fewer rows than are worth a look: left alone.
    expect(await analyzeWhereStale(owner, 'obligors', '00000000-0000-0000-0000-000000000000')).toBe(false);
  });
});
