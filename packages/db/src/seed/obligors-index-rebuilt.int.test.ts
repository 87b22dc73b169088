// The obligors of a rebuilding load (obligors-index-rebuilt.ts), into an organization that holds none and
// into one that holds some: the obligors' unique index is built anew, the stored references are left as
// they are, a reference given twice keeps its first row as through the index, and a load
// that cannot take `obligors` within a moment inserts through the index. A database of its own: the
// shared one's other test files hold locks on `obligors` at any time, which would make the way taken by chance.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createFreshDatabase, type FreshDatabase } from '../testing/database.ts';
import type { ExposureRow, LoadOptions, ObligorRow } from './bulk-load.ts';
import { loadBook } from '../testing/load-book.ts';
import { OBLIGOR_UNIQUE_INDEX } from './obligors-index-rebuilt.ts';
import { syntheticRows } from './synthetic-portfolio.ts';

let database: FreshDatabase;
let owner: pg.Client;
const rows = [...syntheticRows(200, { prefix: 'OE-' })];

beforeAll(async () => {
  database = await createFreshDatabase(inject('databaseServerUrl'), 'obligors_empty');
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

const load = (slug: string, obligors: ObligorRow[], exposures: ExposureRow[], options: LoadOptions, book = 'Book') =>
  loadBook(owner, { slug, book, description: 'obligors test' }, obligors, exposures, options);

/** The exposures with their obligors' fields, by reference, and the per-obligor totals. */
async function contents(portfolioId: string) {
  const q = async (sql: string) => (await owner.query<Record<string, unknown>>(sql, [portfolioId])).rows;
  return {
    exposures: await q(
      `SELECT e.external_id, e.ead::text, o.external_id AS obligor, o.name, o.segment, o.sector, o.country, e.obligor_name
         FROM exposures e JOIN obligors o ON o.id = e.obligor_id WHERE e.portfolio_id = $1 ORDER BY e.external_id`,
    ),
    obligorFigures: await q(
      `SELECT o.external_id, f.exposure_count, f.ead::text FROM portfolio_obligor_figures f JOIN obligors o ON o.id = f.obligor_id
        WHERE f.portfolio_id = $1 ORDER BY o.external_id`,
    ),
  };
}

const indexOid = async () =>
  (await owner.query<{ oid: number }>(`SELECT $1::regclass::oid::int AS oid`, [OBLIGOR_UNIQUE_INDEX])).rows[0]!.oid;

describe('obligors in a rebuilding load', () => {
  it('rebuild the unique index, with the same rows as through the triggers', async () => {
    const obligors = rows.map((r) => r.obligor);
    const exposures = rows.map((r) => r.exposure);
    const viaTriggers = await load('oe-triggers', obligors, exposures, { triggers: 'always' });
    const before = await indexOid();
    const rebuilt = await load('oe-rebuilt', obligors, exposures, { rebuildIndexes: 'always' });
    expect(rebuilt.inserted).toBe(rows.length);
    expect(await indexOid()).not.toBe(before);
    expect(await contents(rebuilt.portfolioId)).toEqual(await contents(viaTriggers.portfolioId));
    // The rebuilt index still refuses a reference stored twice in one organization.
    await expect(
      owner.query(`INSERT INTO obligors (id, organization_id, external_id, name, segment, updated_at)
                   SELECT gen_random_uuid(), organization_id, external_id, name, segment, now() FROM obligors
                    WHERE external_id = '${rows[0]!.obligor.externalId}' AND organization_id = (SELECT id FROM organizations WHERE slug = 'oe-rebuilt')`),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('keep the first of a reference given twice, the index left as it was', async () => {
    const obligors = [...rows.map((r) => r.obligor), { ...rows[7]!.obligor, name: 'Second Name' }];
    const exposures = rows.map((r) => r.exposure);
    const viaTriggers = await load('oe-twice-triggers', obligors, exposures, { triggers: 'always' });
    const before = await indexOid();
    const rebuilt = await load('oe-twice-rebuilt', obligors, exposures, { rebuildIndexes: 'always' });
    expect(rebuilt.inserted).toBe(rows.length);
    expect(await indexOid()).toBe(before);
    const expected = await contents(viaTriggers.portfolioId);
    expect(expected.exposures.find((e) => e.obligor === rows[7]!.obligor.externalId)?.name).toBe(rows[7]!.obligor.name);
    expect(await contents(rebuilt.portfolioId)).toEqual(expected);
  });

  it('rebuild it in an organization that holds obligors, the stored ones left as they are', async () => {
    // A second book: half its obligors are the first book's (stored, their names not overwritten), half new.
    const first = rows.slice(0, 120);
    const second = [...rows.slice(60, 120).map((r) => ({ ...r, obligor: { ...r.obligor, name: 'Not Stored' } })), ...rows.slice(120)].map(
      (r) => ({ obligor: r.obligor, exposure: { ...r.exposure, externalId: `B2-${r.exposure.externalId}` } }),
    );
    const books = async (slug: string, options: LoadOptions) => {
      await load(
        slug,
        first.map((r) => r.obligor),
        first.map((r) => r.exposure),
        { triggers: 'always' },
      );
      return load(
        slug,
        second.map((r) => r.obligor),
        second.map((r) => r.exposure),
        options,
        'Second book',
      );
    };
    const viaTriggers = await books('oe-held-triggers', { triggers: 'always' });
    const before = await indexOid();
    const rebuilt = await books('oe-held-rebuilt', { rebuildIndexes: 'always' });
    expect(rebuilt.inserted).toBe(second.length);
    expect(await indexOid()).not.toBe(before);
    const expected = await contents(viaTriggers.portfolioId);
    expect(expected.exposures.filter((e) => e.name === 'Not Stored')).toEqual([]);
    expect(await contents(rebuilt.portfolioId)).toEqual(expected);
    const count = async (slug: string) =>
      (
        await owner.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM obligors WHERE organization_id = (SELECT id FROM organizations WHERE slug = $1)',
          [slug],
        )
      ).rows[0]!.n;
    expect(await count('oe-held-rebuilt')).toBe(rows.length);
    expect(await count('oe-held-rebuilt')).toBe(await count('oe-held-triggers'));
  });

  it('go through the index when another transaction holds obligors, without waiting for it', async () => {
    const obligors = rows.map((r) => r.obligor);
    const exposures = rows.map((r) => r.exposure);
    const viaTriggers = await load('oe-busy-triggers', obligors, exposures, { triggers: 'always' });
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT count(*) FROM obligors'); // ACCESS SHARE, held until its ROLLBACK
      const before = await indexOid();
      const started = performance.now();
      const busy = await load('oe-busy', obligors, exposures, { rebuildIndexes: 'always' });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(busy.inserted).toBe(rows.length);
      expect(await indexOid()).toBe(before);
      expect(await contents(busy.portfolioId)).toEqual(await contents(viaTriggers.portfolioId));
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
  });
});
