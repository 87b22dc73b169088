// The bulk load's two ways into the tenant tables (packages/db/src/seed/insert-staged.ts) must leave
// the same rows, running totals and data version: the set-based way, with the triggers off, against
// the trigger path as the reference. A failed load leaves nothing behind, and a load that references
// obligors stored earlier links to them.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { ensureOrganization, ensurePortfolio } from './tenants.ts';
import { loadPortfolio, type ExposureRow, type LoadOptions, type ObligorRow } from './bulk-load.ts';
import { REPLACED_INSERT_TRIGGERS, SKIPPED_TRIGGERS_SQL } from './insert-staged.ts';
import { loadBook } from '../testing/load-book.ts';
import { syntheticRows } from './synthetic-portfolio.ts';
import { exposuresFailingAt, leftAfterFailure, loadContents } from '../testing/load-contents.ts';

let owner: pg.Client;
const contents = (portfolioId: string) => loadContents(owner, portfolioId);
const SIZE = 3_000;
const rows = [...syntheticRows(SIZE, { prefix: 'BL-' })];

beforeAll(async () => {
  owner = new pg.Client({ connectionString: inject('databaseUrl') });
  await owner.connect();
});
afterAll(async () => owner?.end());

const load = (slug: string, obligors: ObligorRow[], exposures: Iterable<ExposureRow>, options: LoadOptions = {}, book = 'Book') =>
  loadBook(owner, { slug, book, description: 'bulk load test' }, obligors, exposures, options);

describe('bulk load', () => {
  it('writes the same rows, totals and data version set-based as through the triggers', async () => {
    const obligors = rows.map((r) => r.obligor);
    const exposures = rows.map((r) => r.exposure);
    const viaTriggers = await load(`bl-triggers-${Date.now()}`, obligors, exposures, { triggers: 'always' });
    const setBased = await load(`bl-set-${Date.now()}`, obligors, exposures);
    expect(setBased.inserted).toBe(SIZE);
    expect(viaTriggers.inserted).toBe(SIZE);
    const expected = await contents(viaTriggers.portfolioId);
    expect(expected.exposures.some((e) => e.status === 'DEFAULTED' && e.defaulted_today)).toBe(true);
    expect(await contents(setBased.portfolioId)).toEqual(expected);
  });

  // The way of a large first load (insert-into-empty.ts), at test size: the unique index is built anew
  // when it is taken (a new object id), and left as it was when a reference given twice sends the load
  // the general way.
  const uniqueIndexOid = async (index = 'exposures_organization_id_external_id_key') =>
    (await owner.query<{ oid: number }>(`SELECT $1::regclass::oid::int AS oid`, [index])).rows[0]!.oid;

  it('writes the same rows and totals through an empty organization, rebuilding the indexes, as through the triggers', async () => {
    const obligors = rows.map((r) => r.obligor);
    // Fifty obligors with a second exposure, a few with a third: the per-obligor totals a first load keeps.
    const exposures = [
      ...rows.map((r) => r.exposure),
      ...rows.slice(0, 50).map((r) => ({ ...r.exposure, externalId: `${r.exposure.externalId}-b`, ead: '1234.56' })),
      ...rows.slice(0, 5).map((r) => ({ ...r.exposure, externalId: `${r.exposure.externalId}-c` })),
    ];
    const viaTriggers = await load(`bl-empty-t-${Date.now()}`, obligors, exposures, { triggers: 'always' });
    const indexBefore = await uniqueIndexOid();
    const slug = `bl-empty-s-${Date.now()}`;
    const rebuilt = await load(slug, obligors, exposures, { rebuildIndexes: 'always' });
    expect(rebuilt.inserted).toBe(SIZE + 55);
    expect(await uniqueIndexOid()).not.toBe(indexBefore);
    const expected = await contents(viaTriggers.portfolioId);
    expect(expected.obligorFigures).toHaveLength(50);
    expect(expected.obligorFigures.filter((f) => f.exposure_count === '3')).toHaveLength(5);
    expect(await contents(rebuilt.portfolioId)).toEqual(expected);
    // A second book in the same organization goes the general way, and the first book's references stay unique.
    const again = await load(slug, obligors, exposures, { rebuildIndexes: 'always' });
    expect(again.inserted).toBe(0);
  });

  it('keeps the first of a reference that comes twice in a rebuilding load, as through the triggers', async () => {
    const few = rows.slice(0, 40);
    const obligors = few.map((r) => r.obligor);
    const exposures = [...few.map((r) => r.exposure), { ...few[5]!.exposure, ead: '1.00' }];
    const viaTriggers = await load(`bl-empty-twice-t-${Date.now()}`, obligors, exposures, { triggers: 'always' });
    const indexBefore = await uniqueIndexOid();
    const rebuilt = await load(`bl-empty-twice-s-${Date.now()}`, obligors, exposures, { rebuildIndexes: 'always' });
    expect(rebuilt.inserted).toBe(40);
    expect(await uniqueIndexOid()).toBe(indexBefore);
    expect(await contents(rebuilt.portfolioId)).toEqual(await contents(viaTriggers.portfolioId));
  });

  it('keeps the first of an obligor reference that comes twice in a rebuilding load, as through the triggers', async () => {
    const few = rows.slice(0, 40);
    const obligors = [...few.map((r) => r.obligor), { ...few[3]!.obligor, name: 'Second Name' }];
    const exposures = few.map((r) => r.exposure);
    const viaTriggers = await load(`bl-empty-otwice-t-${Date.now()}`, obligors, exposures, { triggers: 'always' });
    const rebuilt = await load(`bl-empty-otwice-s-${Date.now()}`, obligors, exposures, { rebuildIndexes: 'always' });
    expect(rebuilt.inserted).toBe(40);
    const expected = await contents(viaTriggers.portfolioId);
    expect(expected.exposures.find((e) => e.obligor_external_id === few[3]!.obligor.externalId)?.obligor_name).toBe(few[3]!.obligor.name);
    expect(await contents(rebuilt.portfolioId)).toEqual(expected);
  });

  it('is idempotent: a second load of the same rows adds nothing and leaves the data version', async () => {
    const slug = `bl-again-${Date.now()}`;
    const first = await load(
      slug,
      rows.slice(0, 50).map((r) => r.obligor),
      rows.slice(0, 50).map((r) => r.exposure),
    );
    const before = await contents(first.portfolioId);
    const again = await load(
      slug,
      rows.slice(0, 50).map((r) => r.obligor),
      rows.slice(0, 50).map((r) => r.exposure),
    );
    expect(again.inserted).toBe(0);
    expect(await contents(first.portfolioId)).toEqual(before);
  });

  it('keeps the first of a reference that comes twice in one load, set-based as through the triggers', async () => {
    const few = rows.slice(0, 40);
    const obligors = [...few.map((r) => r.obligor), { ...few[3]!.obligor, name: 'Second Name' }];
    const exposures = [...few.map((r) => r.exposure), { ...few[5]!.exposure, ead: '1.00' }];
    const viaTriggers = await load(`bl-twice-t-${Date.now()}`, obligors, exposures, { triggers: 'always' });
    const setBased = await load(`bl-twice-s-${Date.now()}`, obligors, exposures);
    expect(setBased.inserted).toBe(40);
    const expected = await contents(viaTriggers.portfolioId);
    expect(expected.exposures.find((e) => e.external_id === few[5]!.exposure.externalId)?.ead).toBe(few[5]!.exposure.ead);
    expect(expected.exposures.find((e) => e.obligor_external_id === few[3]!.obligor.externalId)?.obligor_name).toBe(few[3]!.obligor.name);
    expect(await contents(setBased.portfolioId)).toEqual(expected);
  });

  it('rebuilding in an organization that holds some rows: keeps the stored obligors and exposures, adds the rest, as through the triggers', async () => {
    const [first, second] = [rows.slice(0, 30), rows.slice(20, 60)];
    const withTwice = (dup: boolean) => [...second.map((r) => r.exposure), ...(dup ? [{ ...second[15]!.exposure, ead: '1.00' }] : [])];
    const renamed = second.map((r, i) => (i < 10 ? { ...r.obligor, name: 'Renamed' } : r.obligor));
    const twice = async (slug: string, options: LoadOptions, dup = false) => {
      await load(
        slug,
        first.map((r) => r.obligor),
        first.map((r) => r.exposure),
        options,
      );
      return load(slug, renamed, withTwice(dup), options);
    };
    const viaTriggers = await twice(`bl-mixed-t-${Date.now()}`, { triggers: 'always' });
    const rebuilt = await twice(`bl-mixed-s-${Date.now()}`, { rebuildIndexes: 'always' });
    expect(rebuilt.inserted).toBe(30);
    const expected = await contents(viaTriggers.portfolioId);
    expect(expected.exposures.some((e) => e.obligor_name === 'Renamed')).toBe(false);
    expect(await contents(rebuilt.portfolioId)).toEqual(expected);
    // A reference given twice in the second load: the unique index refuses to build, the general way without the rebuild.
    const dupTriggers = await twice(`bl-mixed-dt-${Date.now()}`, { triggers: 'always' }, true);
    const dupRebuilt = await twice(`bl-mixed-ds-${Date.now()}`, { rebuildIndexes: 'always' }, true);
    expect(dupRebuilt.inserted).toBe(30);
    expect(await contents(dupRebuilt.portfolioId)).toEqual(await contents(dupTriggers.portfolioId));
  });

  it('rebuilding into a new book of an organization that holds exposures: a plain insert, or the general way when another book stores a reference, as through the triggers', async () => {
    const slice = (from: number, to: number) => rows.slice(from, to);
    const books = async (slug: string, options: LoadOptions) => {
      const book = (name: string, part: typeof rows) =>
        load(
          slug,
          part.map((r) => r.obligor),
          part.map((r) => r.exposure),
          options,
          name,
        );
      await book('Book', slice(0, 30));
      const fresh = await book('New', slice(30, 60)); // no reference stored yet: the plain insert
      const clash = await book('Clash', slice(50, 70)); // 50 to 59 are stored in New: skipped
      return { fresh, clash };
    };
    const viaTriggers = await books(`bl-books-t-${Date.now()}`, { triggers: 'always' });
    const rebuilt = await books(`bl-books-s-${Date.now()}`, { rebuildIndexes: 'always' });
    expect([rebuilt.fresh.inserted, rebuilt.clash.inserted]).toEqual([30, 10]);
    expect(await contents(rebuilt.fresh.portfolioId)).toEqual(await contents(viaTriggers.fresh.portfolioId));
    const clash = await contents(rebuilt.clash.portfolioId);
    expect(clash.exposures).toHaveLength(10);
    expect(clash).toEqual(await contents(viaTriggers.clash.portfolioId));
  });

  it('links new exposures to obligors stored by an earlier load, and adds them to the totals', async () => {
    const slug = `bl-later-${Date.now()}`;
    const first = await load(
      slug,
      rows.slice(0, 10).map((r) => r.obligor),
      rows.slice(0, 10).map((r) => r.exposure),
    );
    const late = rows.slice(0, 10).map((r) => ({ ...r.exposure, externalId: `${r.exposure.externalId}-2` }));
    const second = await load(slug, [], late);
    expect(second.inserted).toBe(10);
    const after = await contents(first.portfolioId);
    expect(after.exposures.every((e) => e.linked)).toBe(true);
    expect(after.figures.find((f) => f.dim === 'total')).toMatchObject({ exposure_count: '20', obligor_count: '10' });
    expect(after.obligorFigures.every((f) => f.exposure_count === '2')).toBe(true);
  });

  it.each([
    ['into the same book', {}],
    ['into a new book, rebuilding the indexes', { rebuildIndexes: 'always' }],
  ] as const)('locks the stored obligors its exposures reference until it commits, and no other: %s', async (way, options) => {
    const slug = `bl-lock-${way.length}-${Date.now()}`;
    const stored = await load(
      slug,
      rows.slice(0, 4).map((r) => r.obligor),
      rows.slice(0, 4).map((r) => r.exposure),
    );
    // A second load referencing the first two stored obligors, left open while another session deletes.
    const late = rows.slice(0, 2).map((r) => ({ ...r.exposure, externalId: `${r.exposure.externalId}-L` }));
    const other = new pg.Client({ connectionString: inject('databaseUrl') });
    await other.connect();
    await owner.query('BEGIN');
    try {
      const book =
        'rebuildIndexes' in options
          ? await ensurePortfolio(owner, stored.organizationId, { name: 'Lock book', description: 'bulk load test', baseCurrency: 'EUR' })
          : stored.portfolioId;
      expect(await loadPortfolio(owner, stored.organizationId, book, [], late, options)).toBe(2);
      const lockObligor = (n: number) =>
        other.query(`SELECT 1 FROM obligors WHERE organization_id = $1 AND external_id = $2 FOR UPDATE NOWAIT`, [
          stored.organizationId,
          rows[n]!.obligor.externalId,
        ]);
      // Referenced: key-share locked, as the foreign key checks would, so a delete or key change waits.
      await expect(lockObligor(0)).rejects.toThrow(/could not obtain lock/);
      await expect(lockObligor(1)).rejects.toThrow(/could not obtain lock/);
      // Not referenced by this load: free.
      await expect(lockObligor(3)).resolves.toMatchObject({ rowCount: 1 });
    } finally {
      await owner.query('ROLLBACK');
      await other.end();
    }
  });

  it('leaves nothing behind when it fails, and the connection keeps its triggers', async () => {
    const slug = `bl-fail-${Date.now()}`;
    const bad = rows.slice(0, 20).map((r, i) => (i === 19 ? { ...r.exposure, status: 'LOST' as ExposureRow['status'] } : r.exposure));
    await expect(
      load(
        slug,
        rows.slice(0, 20).map((r) => r.obligor),
        bad,
      ),
    ).rejects.toThrow(/ExposureStatus|LOST/);
    const { rows: left } = await owner.query(
      `SELECT (SELECT count(*) FROM organizations WHERE slug = $1)::int AS orgs, current_setting('session_replication_role') AS role`,
      [slug],
    );
    expect(left[0]).toEqual({ orgs: 0, role: 'origin' });
  });

  it("leaves nothing behind when the rows' source throws mid-COPY, and the connection keeps its triggers", async () => {
    const slug = `bl-throw-${Date.now()}`;
    const few = [...syntheticRows(2_000, { prefix: 'BL-THROW-' })];
    await expect(
      load(
        slug,
        few.map((r) => r.obligor),
        exposuresFailingAt(few, 1_500),
      ),
    ).rejects.toThrow('source failed');
    expect(await leftAfterFailure(owner, slug, 'BL-THROW-')).toEqual({ orgs: 0, obligors: 0, role: 'origin' });
  });

  it("fires the portfolio's own triggers: API processes hear of the new data version", async () => {
    const listener = new pg.Client({ connectionString: inject('databaseUrl') });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (n) => heard.push(n.payload ?? ''));
      await listener.query('LISTEN probity_portfolios');
      const loaded = await load(
        `bl-notify-${Date.now()}`,
        rows.slice(0, 5).map((r) => r.obligor),
        rows.slice(0, 5).map((r) => r.exposure),
      );
      await expect.poll(() => heard, { timeout: 5_000 }).toContain(loaded.portfolioId);
    } finally {
      await listener.end();
    }
  });

  it('compresses the WAL of its own transaction where the role may (here a superuser), and leaves the setting after it', async () => {
    const before = (await owner.query<{ v: string }>(`SELECT current_setting('wal_compression') AS v`)).rows[0]!.v;
    await owner.query('BEGIN');
    try {
      const organizationId = await ensureOrganization(owner, { name: 'bl-wal', slug: `bl-wal-${Date.now()}` });
      const portfolioId = await ensurePortfolio(owner, organizationId, {
        name: 'Book',
        description: 'bulk load test',
        baseCurrency: 'EUR',
      });
      const few = rows.slice(0, 5);
      await loadPortfolio(
        owner,
        organizationId,
        portfolioId,
        few.map((r) => r.obligor),
        few.map((r) => r.exposure),
      );
      const during = (await owner.query<{ v: string }>(`SELECT current_setting('wal_compression') AS v`)).rows[0]!.v;
      const { rows: lz4 } = await owner.query<{ built: boolean }>(
        `SELECT 'lz4' = ANY(enumvals) AS built FROM pg_settings WHERE name = 'wal_compression'`,
      );
      expect(during).toBe(lz4[0]!.built ? 'lz4' : before); // a server built without lz4 keeps its setting
    } finally {
      await owner.query('ROLLBACK');
    }
    expect((await owner.query<{ v: string }>(`SELECT current_setting('wal_compression') AS v`)).rows[0]!.v).toBe(before);
  });

  it('knows every insert trigger on obligors and exposures, and the totals have none (a new one sends loads through the triggers)', async () => {
    const { rows: triggers } = await owner.query<{ name: string }>(`${SKIPPED_TRIGGERS_SQL} ORDER BY 1`);
    expect(triggers.map((t) => t.name)).toEqual([...REPLACED_INSERT_TRIGGERS].sort());
  });

  it('goes through the triggers when the totals gain a trigger of their own, with the same figures', async () => {
    const few = rows.slice(0, 30);
    const reference = await load(
      `bl-ref-${Date.now()}`,
      few.map((r) => r.obligor),
      few.map((r) => r.exposure),
      { triggers: 'always' },
    );
    await owner.query('CREATE TABLE IF NOT EXISTS bl_figure_writes (n int)');
    await owner.query(`CREATE OR REPLACE FUNCTION bl_count_figure_writes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO bl_figure_writes VALUES (1); RETURN NULL; END $$`);
    await owner.query(`CREATE TRIGGER bl_figure_writes AFTER INSERT ON portfolio_obligor_figures
      FOR EACH STATEMENT EXECUTE FUNCTION bl_count_figure_writes()`);
    try {
      await owner.query('TRUNCATE bl_figure_writes');
      const loaded = await load(
        `bl-totals-trigger-${Date.now()}`,
        few.map((r) => r.obligor),
        few.map((r) => r.exposure),
      );
      const { rows: writes } = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM bl_figure_writes');
      expect(writes[0]!.n).toBeGreaterThan(0);
      expect(await contents(loaded.portfolioId)).toEqual(await contents(reference.portfolioId));
    } finally {
      await owner.query('DROP TRIGGER bl_figure_writes ON portfolio_obligor_figures');
      await owner.query('DROP FUNCTION IF EXISTS bl_count_figure_writes()');
      await owner.query('DROP TABLE IF EXISTS bl_figure_writes');
    }
  });
});
