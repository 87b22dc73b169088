// Loads whose exposures are staged on a second connection (exposures-staged-aside.ts) against the trigger
// path: the same rows and totals into an empty organization, one that holds obligors and with an
// obligor reference given twice; nothing left after a failure, and a table left by a load that
// failed after its staging is dropped by the next. A database of its own: the shared one's other test
// files rebuild the exposures' indexes (their statistics with them) and lock `obligors` at any time.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createFreshDatabase, type FreshDatabase } from '../testing/database.ts';
import type { ExposureRow, LoadOptions, ObligorRow } from './bulk-load.ts';
import { loadBook } from '../testing/load-book.ts';
import { exposuresFailingAt, leftAfterFailure, loadContents } from '../testing/load-contents.ts';
import { syntheticRows } from './synthetic-portfolio.ts';

let database: FreshDatabase;
let owner: pg.Client;
const SIZE = 3_000;
const rows = [...syntheticRows(SIZE, { prefix: 'ASIDE-' })];

beforeAll(async () => {
  database = await createFreshDatabase(inject('databaseServerUrl'), 'staged_aside');
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

const load = (slug: string, obligors: ObligorRow[], exposures: Iterable<ExposureRow>, options: LoadOptions = {}, book = 'Book') =>
  loadBook(owner, { slug, book, description: 'staged aside test' }, obligors, exposures, options);
const contents = (portfolioId: string) => loadContents(owner, portfolioId);

describe('with the exposures staged on a second connection (exposures-staged-aside.ts)', () => {
  const stageTables = async () =>
    (
      await owner.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relname LIKE 'probity_load_stage_%' ORDER BY 1`)
    ).rows.map((r) => r.name);
  /** Options of a load staged aside; `used` says afterwards whether the second connection staged the rows. */
  const aside = (options: LoadOptions = {}) => {
    const seen = { used: false };
    return {
      seen,
      options: {
        rebuildIndexes: 'always' as const,
        ...options,
        connectionString: database.url,
        onStaged: (staged: { asideCpuSeconds?: number | null }) => (seen.used = staged.asideCpuSeconds !== undefined),
      },
    };
  };

  it('writes the same rows and totals as through the triggers, into an empty organization and one that holds obligors, and leaves no table', async () => {
    const obligors = rows.map((r) => r.obligor);
    const exposures = [
      ...rows.map((r) => r.exposure),
      ...rows.slice(0, 50).map((r) => ({ ...r.exposure, externalId: `${r.exposure.externalId}-b`, ead: '1234.56' })),
    ];
    const viaTriggers = await load(`bl-aside-t-${Date.now()}`, obligors, exposures, { triggers: 'always' });
    const first = aside();
    const slug = `bl-aside-s-${Date.now()}`;
    const staged = await load(slug, obligors, exposures, first.options);
    expect(first.seen.used).toBe(true);
    expect(staged.inserted).toBe(SIZE + 50);
    expect(await contents(staged.portfolioId)).toEqual(await contents(viaTriggers.portfolioId));
    expect(await stageTables()).toEqual([]);

    // A second book of the same organization: its obligors are stored already (the anti-join), its exposures new.
    const renamed = (r: (typeof rows)[number]) => ({ ...r.exposure, externalId: `${r.exposure.externalId}-n` });
    const again = aside();
    const secondTriggers = await load(`bl-aside-t2-${Date.now()}`, obligors, rows.map(renamed), { triggers: 'always' });
    const secondStaged = await load(slug, obligors, rows.map(renamed), again.options, 'Second');
    expect(again.seen.used).toBe(true);
    expect(secondStaged.inserted).toBe(SIZE);
    expect(await contents(secondStaged.portfolioId)).toEqual(await contents(secondTriggers.portfolioId));
    expect(await stageTables()).toEqual([]);
  });

  it('keeps the first of an obligor reference that comes twice (the obligors then go in through their index), as through the triggers', async () => {
    const few = rows.slice(0, 40);
    const obligors = [...few.map((r) => r.obligor), { ...few[3]!.obligor, name: 'Second Name' }];
    const exposures = few.map((r) => r.exposure);
    const viaTriggers = await load(`bl-aside-twice-t-${Date.now()}`, obligors, exposures, { triggers: 'always' });
    const staged = aside();
    const loaded = await load(`bl-aside-twice-s-${Date.now()}`, obligors, exposures, staged.options);
    expect(staged.seen.used).toBe(true);
    expect(loaded.inserted).toBe(40);
    expect(await contents(loaded.portfolioId)).toEqual(await contents(viaTriggers.portfolioId));
  });

  it("leaves nothing behind when the rows' source throws on the second connection", async () => {
    const slug = `bl-aside-throw-${Date.now()}`;
    const few = [...syntheticRows(2_000, { prefix: 'BL-ASIDE-THROW-' })];
    await expect(
      load(
        slug,
        few.map((r) => r.obligor),
        exposuresFailingAt(few, 1_500),
        aside().options,
      ),
    ).rejects.toThrow('source failed');
    expect(await leftAfterFailure(owner, slug, 'BL-ASIDE-THROW-')).toEqual({ orgs: 0, obligors: 0, role: 'origin' });
    expect(await stageTables()).toEqual([]);
  });

  it('stops the second connection and leaves no organization when the obligors fail while the exposures are being staged', async () => {
    const slug = `bl-aside-obligors-${Date.now()}`;
    const many = [...syntheticRows(60_000, { prefix: 'BL-ASIDE-OBL-' })];
    const obligors = many.map((r, i) => (i === 10 ? { ...r.obligor, segment: 'BOGUS' as ObligorRow['segment'] } : r.obligor));
    let made = 0;
    const exposures = (function* () {
      for (const r of many) {
        made += 1;
        yield r.exposure;
      }
    })();
    await expect(load(slug, obligors, exposures, aside().options)).rejects.toThrow(/Segment|BOGUS/);
    expect(made).toBeGreaterThan(0); // the staging had begun
    expect(await leftAfterFailure(owner, slug, 'BL-ASIDE-OBL-')).toEqual({ orgs: 0, obligors: 0, role: 'origin' });
    // The second connection is closed: its backend leaves pg_stat_activity a moment after the socket closes.
    const others = async () =>
      (
        await owner.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        )
      ).rows[0]!.n;
    await expect.poll(others, { timeout: 5_000 }).toBe(0);
  });

  it('a table left by a load that failed after its rows were staged, or by a backend that is gone, is dropped by the next staged load', async () => {
    const few = rows.slice(0, 20);
    const bad = few.map((r, i) => (i === 19 ? { ...r.exposure, status: 'LOST' as ExposureRow['status'] } : r.exposure));
    const slug = `bl-aside-fail-${Date.now()}`;
    await expect(
      load(
        slug,
        few.map((r) => r.obligor),
        bad,
        aside().options,
      ),
    ).rejects.toThrow(/ExposureStatus|LOST/);
    const pid = (await owner.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    expect(await stageTables()).toEqual([`probity_load_stage_${pid}`]); // the rows were committed on the second connection
    await owner.query('CREATE UNLOGGED TABLE probity_load_stage_999999999 (id uuid)'); // no backend has this pid
    const next = aside();
    const loaded = await load(
      slug,
      few.map((r) => r.obligor),
      few.map((r) => r.exposure),
      next.options,
    );
    expect([next.seen.used, loaded.inserted]).toEqual([true, 20]);
    expect(await stageTables()).toEqual([]);
  });
});
