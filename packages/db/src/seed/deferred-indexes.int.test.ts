// A bulk load that leaves its index builds for after its commit (deferred-indexes.ts) must end with the
// indexes it found, built on several connections at once, and a crash between its commit and the
// builds must leave records that the next builder, or the next rebuilding load, finishes. On a
// database of its own: the loads here drop the exposures' indexes for every other test's tenant too.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createFreshDatabase, type FreshDatabase } from '../testing/database.ts';
import type { LoadOptions } from './bulk-load.ts';
import { loadBook } from '../testing/load-book.ts';
import { buildPendingIndexes } from './deferred-indexes.ts';
import { syntheticRows } from './synthetic-portfolio.ts';

let database: FreshDatabase;
let owner: pg.Client;
const SIZE = 2_000;
const rows = [...syntheticRows(SIZE, { prefix: 'DI-' })];

beforeAll(async () => {
  database = await createFreshDatabase(inject('databaseServerUrl'), 'deferred_indexes');
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
}, 60_000);
afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

async function load(slug: string, options: LoadOptions): Promise<string> {
  const loaded = await loadBook(
    owner,
    { slug, description: 'deferred indexes' },
    rows.map((r) => r.obligor),
    rows.map((r) => r.exposure),
    { rebuildIndexes: 'always', ...options },
  );
  expect(loaded.inserted).toBe(SIZE);
  return loaded.portfolioId;
}

/** The secondary indexes a rebuilding load drops, with their definitions. */
const indexes = async () =>
  (
    await owner.query<{ name: string; definition: string }>(
      `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid IN ('exposures'::regclass, 'portfolio_obligor_figures'::regclass) AND NOT i.indisunique AND NOT i.indisprimary
        ORDER BY 1`,
    )
  ).rows;
const pending = async () =>
  (await owner.query<{ name: string }>('SELECT name FROM pending_index_builds ORDER BY name')).rows.map((r) => r.name);

describe('index builds after a bulk load commits', () => {
  it('commits the rows with the indexes recorded, not built; the builder builds the same ones, forgets them and analyzes their tables', async () => {
    const before = await indexes();
    expect(before.map((i) => i.name)).toContain('exposures_search_trgm_idx');
    const portfolioId = await load(`di-first-${Date.now()}`, { indexBuilds: 'after-commit' });

    // Committed and readable without them.
    expect(await indexes()).toEqual([]);
    expect(await pending()).toEqual(before.map((i) => i.name));
    const stored = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM exposures WHERE portfolio_id = $1', [portfolioId]);
    expect(stored.rows[0]!.n).toBe(SIZE);

    const built = await buildPendingIndexes(database.url, { connections: 2 });
    expect(built.map((b) => b.name).sort()).toEqual(before.map((i) => i.name));
    expect(await indexes()).toEqual(before);
    expect(await pending()).toEqual([]);
    // The trigram expression's statistics exist only once the index does, and the builder analyzed after it.
    const stats = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'exposures_search_trgm_idx'`);
    expect(stats.rows[0]!.n).toBe(1);
    // Nothing left: a second builder (the next start's) builds nothing.
    expect(await buildPendingIndexes(database.url)).toEqual([]);
  });

  it('after a crash between the commit and the builds, the next rebuilding load builds what was left in its own transaction', async () => {
    const before = await indexes();
    await load(`di-crash-${Date.now()}`, { indexBuilds: 'after-commit' }); // and no builder: the process died
    expect(await pending()).toHaveLength(before.length);
    await load(`di-next-${Date.now()}`, {});
    expect(await indexes()).toEqual(before);
    expect(await pending()).toEqual([]);
  });

  it('two builders at once share the records: each index is built once', async () => {
    const before = await indexes();
    await load(`di-two-${Date.now()}`, { indexBuilds: 'after-commit' });
    const [a, b] = await Promise.all([
      buildPendingIndexes(database.url, { connections: 2 }),
      buildPendingIndexes(database.url, { connections: 1 }),
    ]);
    const names = [...a, ...b].map((i) => i.name).sort();
    expect(names).toEqual(before.map((i) => i.name));
    expect(await indexes()).toEqual(before);
    expect(await pending()).toEqual([]);
  });
});
