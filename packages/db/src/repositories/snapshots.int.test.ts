import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { InputError } from '../errors.ts';
import { createDatabase, type Database } from '../client.ts';
import { createTenantFixture, type TenantFixture } from '../testing/tenant-fixture.ts';
import { listSnapshots, snapshotOrganization } from './snapshots.ts';
import { updateExposure, listExposures } from './exposures.ts';
import { portfolioSummary } from './portfolios.ts';
import type { PortfolioTotals } from '../domain/portfolio-figures.ts';
import type { TenantScope } from '../scope.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'snap', exposures: 12 });
  scope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } };
});
afterAll(async () => db.close());

describe('portfolio snapshots', () => {
  it('writes one row per portfolio and day with the portfolio totals; a re-run replaces it', async () => {
    const day = new Date('2026-03-10T22:15:00Z');
    expect(await snapshotOrganization(db, scope, day)).toBe(1);
    let rows = (await listSnapshots(db, scope, t.portfolioId)).nodes;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.asOf).toBe('2026-03-10');
    expect(rows[0]!.exposureCount).toBe(12);
    // EADs are 1000 * (1 + i % 7) for i = 0..11: 1..7 then 1..5 thousand.
    expect(rows[0]!.totalEad).toBe('43000.00');
    expect(rows[0]!.defaultedCount).toBe(2); // i = 0 and 11

    const first = (await listExposures(db, { ...scope, actor: { kind: 'user', userId: t.users.ANALYST.id } }, t.portfolioId, { first: 1 }))
      .nodes[0]!;
    await updateExposure(db, { ...scope, actor: { kind: 'user', userId: t.users.ANALYST.id } }, first.id, {
      ead: (Number(first.ead) + 500).toFixed(2),
    });
    await snapshotOrganization(db, scope, new Date('2026-03-10T23:59:00Z'));
    rows = (await listSnapshots(db, scope, t.portfolioId)).nodes;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.totalEad).toBe('43500.00');
    await snapshotOrganization(db, scope, new Date('2026-03-11T00:01:00Z'));
    expect((await listSnapshots(db, scope, t.portfolioId)).totalCount).toBe(2);
  });

  it('records exactly the totals the live summary shows (one definition of the measures)', async () => {
    await snapshotOrganization(db, scope, new Date('2026-04-01T12:00:00Z'));
    const [snapshot] = (await listSnapshots(db, scope, t.portfolioId, { from: new Date('2026-04-01T00:00:00Z') })).nodes;
    const summary = (await portfolioSummary(db, scope, t.portfolioId))!;
    const totals = (figures: PortfolioTotals): PortfolioTotals => ({
      exposureCount: figures.exposureCount,
      obligorCount: figures.obligorCount,
      totalEad: figures.totalEad,
      totalLimit: figures.totalLimit,
      totalLossGivenDefault: figures.totalLossGivenDefault,
      defaultedCount: figures.defaultedCount,
      defaultedEad: figures.defaultedEad,
    });
    expect(totals(snapshot!)).toEqual(totals(summary));
    expect(snapshot!.totalLossGivenDefault).toBe('19575.00'); // 43500 x 0.45
  });

  describe('a long daily history: 2,224 days, more than the 2,000 rows the trend once took', () => {
    let long: TenantFixture;
    let longScope: TenantScope;
    const days = (page: { nodes: { asOf: string }[] }) => page.nodes.map((n) => n.asOf);

    beforeAll(async () => {
      long = await createTenantFixture(inject('databaseUrl'), { label: 'snap-long', exposures: 1 });
      longScope = { organizationId: long.organizationId, actor: { kind: 'system', name: 'test' } };
      const client = new pg.Client({ connectionString: inject('databaseUrl') });
      await client.connect();
      // Day d carries total_ead = d's index, so every row says which day it is.
      await client.query(
        `INSERT INTO portfolio_snapshots (id, organization_id, portfolio_id, as_of, exposure_count, obligor_count, total_ead,
                                          total_limit, total_loss_given_default, defaulted_count, defaulted_ead)
         SELECT gen_random_uuid(), $1, $2, d::date, 1, 1, (d::date - date '2020-01-01'), 0, 0, 0, 0
           FROM generate_series(date '2020-01-01', date '2026-02-01', interval '1 day') AS d`,
        [long.organizationId, long.portfolioId],
      );
      await client.end();
    });

    it('returns the newest days first: first: 366 is the latest year, never the oldest', async () => {
      const latest = await listSnapshots(db, longScope, long.portfolioId, { first: 366 });
      expect(latest.totalCount).toBe(2224);
      expect(latest.nodes).toHaveLength(366);
      expect(latest.nodes[0]!.asOf).toBe('2026-02-01');
      expect(latest.nodes.at(-1)!.asOf).toBe('2025-02-01');
      expect(latest.nodes[0]!.totalEad).toBe('2223.00');
      expect(latest.pageInfo).toEqual(expect.objectContaining({ hasNextPage: true, hasPreviousPage: false }));
      // The default page is the latest 50 days too.
      expect(days(await listSnapshots(db, longScope, long.portfolioId)).slice(0, 2)).toEqual(['2026-02-01', '2026-01-31']);
    });

    it('walks back in time with after, and forward again with before, each day exactly once', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await listSnapshots(db, longScope, long.portfolioId, { first: 1000, after });
        seen.push(...days(page));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(2224);
      expect(new Set(seen).size).toBe(2224);
      expect(seen).toEqual([...seen].sort().reverse());

      const oldest = await listSnapshots(db, longScope, long.portfolioId, { last: 3 });
      expect(days(oldest)).toEqual(['2020-01-03', '2020-01-02', '2020-01-01']);
      const newer = await listSnapshots(db, longScope, long.portfolioId, { last: 2, before: oldest.pageInfo.startCursor });
      expect(days(newer)).toEqual(['2020-01-05', '2020-01-04']);
    });

    it('limits to a range of days and bounds the page size', async () => {
      const january = await listSnapshots(db, longScope, long.portfolioId, {
        first: 100,
        from: new Date('2025-01-01T00:00:00Z'),
        to: new Date('2025-01-31T00:00:00Z'),
      });
      expect(january.totalCount).toBe(31);
      expect(days(january)[0]).toBe('2025-01-31');
      await expect(listSnapshots(db, longScope, long.portfolioId, { first: 5000 })).rejects.toThrow(
        /first: must be an integer between 0 and 1100/,
      );
      const tampered = Buffer.from(JSON.stringify(['2025-13-99 or 1=1', long.portfolioId])).toString('base64url');
      await expect(listSnapshots(db, longScope, long.portfolioId, { after: tampered })).rejects.toThrow(InputError);
    });
  });
});
