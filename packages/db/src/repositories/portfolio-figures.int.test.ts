// The running totals (portfolio_figures, portfolio_obligor_figures) kept by the exposure triggers must
// equal a full recomputation over the exposures and their obligors after every kind of change: an
// audited edit, a bulk update, a delete, a load, an obligor changing segment or sector, an exposure
// moving to another obligor. The summary and the snapshot read them, so both are checked too.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createDatabase, type Database } from '../client.ts';
import { createTenantFixture, type TenantFixture } from '../testing/tenant-fixture.ts';
import type { TenantScope } from '../scope.ts';
import { money } from '../decimal.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { loadPortfolio } from '../seed/bulk-load.ts';
import { updateExposure } from './exposures.ts';
import { portfolioSummary } from './portfolios.ts';
import { snapshotOrganization } from './snapshots.ts';
import { TOTALS_SELECT, toTotals, type TotalsRow } from './portfolio-totals.ts';

let db: Database;
let owner: pg.Client;
let a: TenantFixture;
let b: TenantFixture;
const scopeOf = (t: TenantFixture): TenantScope => ({
  organizationId: t.organizationId,
  actor: { kind: 'user', userId: t.users.ANALYST.id },
  requestId: 'figures-test',
});

beforeAll(async () => {
  const url = inject('databaseUrl');
  db = createDatabase({ connectionString: url });
  [a, b] = await Promise.all([
    createTenantFixture(url, { label: 'fig-a', exposures: 57 }),
    createTenantFixture(url, { label: 'fig-b', exposures: 9 }),
  ]);
  owner = new pg.Client({ connectionString: url });
  await owner.connect();
}, 120_000);
afterAll(async () => {
  await owner?.end();
  await db?.close();
});

/** The summary's figures recomputed from scratch, the way the summary did before the running totals. */
async function recomputed(t: TenantFixture, topN = 50) {
  const { rows: totals } = await owner.query<Record<string, unknown>>(
    `SELECT ${TOTALS_SELECT.sql} FROM exposures e WHERE e.portfolio_id = $1`,
    [t.portfolioId],
  );
  const { rows: groups } = await owner.query<{ dim: string; key: string | null; n: string; ead: string; lim: string }>(
    `SELECT CASE GROUPING(o.segment, o.sector, e.status) WHEN 3 THEN 'segment' WHEN 5 THEN 'sector' ELSE 'status' END AS dim,
              COALESCE(o.segment::text, o.sector, e.status::text) AS key, count(*) AS n, sum(e.ead) AS ead, sum(e."limit") AS lim
         FROM exposures e JOIN obligors o ON o.id = e.obligor_id
        WHERE e.portfolio_id = $1
        GROUP BY GROUPING SETS ((o.segment), (o.sector), (e.status))`,
    [t.portfolioId],
  );
  const { rows: top } = await owner.query<{ obligor_id: string; n: string; ead: string }>(
    `SELECT e.obligor_id, count(*) AS n, sum(e.ead) AS ead FROM exposures e WHERE e.portfolio_id = $1
        GROUP BY e.obligor_id ORDER BY sum(e.ead) DESC, e.obligor_id LIMIT $2`,
    [t.portfolioId, topN],
  );
  const row = totals[0]!;
  const asDecimal = (v: unknown) => new Prisma.Decimal(String(v));
  return {
    totals: toTotals({
      exposure_count: BigInt(String(row.exposure_count)),
      obligor_count: BigInt(String(row.obligor_count)),
      total_ead: asDecimal(row.total_ead),
      total_limit: asDecimal(row.total_limit),
      total_loss_given_default: asDecimal(row.total_loss_given_default),
      defaulted_count: BigInt(String(row.defaulted_count)),
      defaulted_ead: asDecimal(row.defaulted_ead),
    } satisfies TotalsRow),
    breakdowns: groups.map((g) => `${g.dim}:${g.key ?? 'Unspecified'}:${g.n}:${money(g.ead)}:${money(g.lim)}`).sort(),
    top: top.map((r) => `${r.obligor_id}:${r.n}:${money(r.ead)}`),
  };
}

async function kept(t: TenantFixture, topN = 50) {
  const s = (await portfolioSummary(db, scopeOf(t), t.portfolioId, topN))!;
  const { eadBySegment, eadBySector, eadByStatus, topObligors, utilisation: _u, ...totals } = s;
  const rows = (dim: string, list: typeof eadBySegment) => list.map((g) => `${dim}:${g.key}:${g.exposureCount}:${g.ead}:${g.limit}`);
  return {
    totals,
    breakdowns: [...rows('segment', eadBySegment), ...rows('sector', eadBySector), ...rows('status', eadByStatus)].sort(),
    top: topObligors.map((r) => `${r.obligorId}:${r.exposureCount}:${r.ead}`),
  };
}

async function expectConsistent(t: TenantFixture) {
  expect(await kept(t)).toEqual(await recomputed(t));
  // A short list too: the single-exposure walk then stops at the last kept obligor's EAD.
  expect((await kept(t, 3)).top).toEqual((await recomputed(t, 3)).top);
}

/** Inserts an exposure of `obligorId` into t's portfolio through the triggers (the owner's plain INSERT). */
async function addExposure(client: pg.ClientBase, t: TenantFixture, obligorId: string, externalId: string, ead: string) {
  await client.query(
    `INSERT INTO exposures (id, organization_id, portfolio_id, obligor_id, external_id, product, currency, ead, "limit", lgd,
                            days_past_due, status, updated_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, 'Term loan', 'EUR', $5, $5, 0.45, 0, 'PERFORMING', now())`,
    [t.organizationId, t.portfolioId, obligorId, externalId, ead],
  );
}

/** The kept per-obligor row of an obligor in t's portfolio (null: none, one exposure or none there). */
async function obligorRow(t: TenantFixture, obligorId: string) {
  const { rows } = await owner.query<{ n: string; ead: string }>(
    'SELECT exposure_count AS n, ead::text AS ead FROM portfolio_obligor_figures WHERE portfolio_id = $1 AND obligor_id = $2',
    [t.portfolioId, obligorId],
  );
  return rows[0] ? { n: Number(rows[0].n), ead: money(rows[0].ead) } : null;
}

describe('running portfolio totals', () => {
  it('match a full recomputation after loading', async () => {
    await expectConsistent(a);
    await expectConsistent(b);
  });

  it('follow an audited edit of EAD and status', async () => {
    const [first] = (
      await owner.query<{ id: string }>('SELECT id FROM exposures WHERE portfolio_id = $1 ORDER BY external_id LIMIT 1', [a.portfolioId])
    ).rows;
    await updateExposure(db, scopeOf(a), first!.id, { ead: '123456.78', status: 'DEFAULTED' });
    await expectConsistent(a);
  });

  it('follow bulk updates, deletes and an exposure moving to another obligor', async () => {
    await owner.query(`UPDATE exposures SET ead = round(ead * 1.1, 2), lgd = 0.5 WHERE portfolio_id = $1 AND days_past_due = 0`, [
      a.portfolioId,
    ]);
    await expectConsistent(a);
    await owner.query(`DELETE FROM exposures WHERE portfolio_id = $1 AND external_id LIKE '%-E1_'`, [a.portfolioId]);
    await expectConsistent(a);
    // Two exposures on one obligor: the distinct obligor count drops by one.
    const { rows } = await owner.query<{ id: string; obligor_id: string }>(
      'SELECT id, obligor_id FROM exposures WHERE portfolio_id = $1 ORDER BY external_id LIMIT 2',
      [a.portfolioId],
    );
    const before = (await kept(a)).totals.obligorCount;
    await owner.query('UPDATE exposures SET obligor_id = $1 WHERE id = $2', [rows[0]!.obligor_id, rows[1]!.id]);
    expect((await kept(a)).totals.obligorCount).toBe(before - 1);
    await expectConsistent(a);
  });

  it('keep a row only for an obligor with two exposures or more, and count obligors coming and going', async () => {
    const { rows } = await owner.query<{ obligor_id: string; ead: string }>(
      `SELECT e.obligor_id, e.ead::text AS ead FROM exposures e
        WHERE e.portfolio_id = $1 AND (SELECT count(*) FROM exposures x WHERE x.portfolio_id = $1 AND x.obligor_id = e.obligor_id) = 1
        ORDER BY e.external_id LIMIT 1`,
      [a.portfolioId],
    );
    const { obligor_id: x, ead } = rows[0]!;
    const count = async () => (await kept(a)).totals.obligorCount;
    const obligors = await count();
    expect(await obligorRow(a, x)).toBeNull();
    // Larger than any other obligor's: it heads the list once it has a row.
    await addExposure(owner, a, x, `${a.slug}-two-1`, '9000000.00');
    expect(await obligorRow(a, x)).toEqual({ n: 2, ead: money(new Prisma.Decimal(ead).plus('9000000').toFixed(2)) });
    expect((await kept(a, 1)).top[0]).toMatch(new RegExp(`^${x}:2:`));
    await addExposure(owner, a, x, `${a.slug}-two-2`, '1.00');
    expect((await obligorRow(a, x))?.n).toBe(3);
    expect(await count()).toBe(obligors);
    await expectConsistent(a);
    await owner.query(`DELETE FROM exposures WHERE portfolio_id = $1 AND external_id LIKE $2`, [a.portfolioId, `${a.slug}-two-%`]);
    expect(await obligorRow(a, x)).toBeNull();
    expect(await count()).toBe(obligors);
    await expectConsistent(a);
    // Its last exposure gone, the obligor leaves the count; back, it enters again.
    const { rows: last } = await owner.query<{ id: string; external_id: string }>(
      'DELETE FROM exposures WHERE portfolio_id = $1 AND obligor_id = $2 RETURNING id, external_id',
      [a.portfolioId, x],
    );
    expect(await count()).toBe(obligors - 1);
    await addExposure(owner, a, x, last[0]!.external_id, ead);
    expect(await count()).toBe(obligors);
    await expectConsistent(a);
  });

  it('recount an obligor two transactions change at once (the second waits for the first)', async () => {
    // The first moves an exposure onto X from an obligor of the same segment and sector: no total of the
    // portfolio changes, so only the lock taken first on its total row holds the second back.
    const { rows } = await owner.query<{ x: string; y: string; moved: string }>(
      `WITH single AS (
         SELECT e.id, e.obligor_id, e.obligor_segment, e.obligor_sector, e.external_id FROM exposures e
          WHERE e.portfolio_id = $1 AND (SELECT count(*) FROM exposures s WHERE s.portfolio_id = $1 AND s.obligor_id = e.obligor_id) = 1)
       SELECT x.obligor_id AS x, y.obligor_id AS y, y.id AS moved FROM single x
         JOIN single y ON y.obligor_segment = x.obligor_segment AND y.obligor_sector IS NOT DISTINCT FROM x.obligor_sector
                      AND y.obligor_id <> x.obligor_id
        ORDER BY x.external_id DESC, y.external_id LIMIT 1`,
      [a.portfolioId],
    );
    const { x, y, moved } = rows[0]!;
    const obligors = (await kept(a)).totals.obligorCount;
    const [first, second] = [
      new pg.Client({ connectionString: inject('databaseUrl') }),
      new pg.Client({ connectionString: inject('databaseUrl') }),
    ];
    await Promise.all([first.connect(), second.connect()]);
    try {
      await first.query('BEGIN');
      await first.query('UPDATE exposures SET obligor_id = $1 WHERE id = $2', [x, moved]);
      await second.query('BEGIN');
      let secondDone = false;
      const secondAdds = addExposure(second, a, x, `${a.slug}-race-1`, '20.00').then(() => {
        secondDone = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(secondDone).toBe(false);
      await first.query('COMMIT');
      await secondAdds;
      await second.query('COMMIT');
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    expect((await obligorRow(a, x))?.n).toBe(3);
    expect(await obligorRow(a, y)).toBeNull();
    expect((await kept(a)).totals.obligorCount).toBe(obligors - 1);
    await expectConsistent(a);
  });

  it('follow an obligor changing segment and sector (copied onto its exposures)', async () => {
    await owner.query(
      `UPDATE obligors SET segment = 'CORPORATE', sector = 'Shipping'
        WHERE id IN (SELECT obligor_id FROM exposures WHERE portfolio_id = $1 ORDER BY external_id DESC LIMIT 3)`,
      [a.portfolioId],
    );
    await expectConsistent(a);
    expect((await kept(a)).breakdowns.some((row) => row.startsWith('sector:Shipping:'))).toBe(true);
  });

  it('follow a second load, leave the other organization alone, and feed the snapshot', async () => {
    await owner.query('BEGIN');
    await loadPortfolio(
      owner,
      a.organizationId,
      a.portfolioId,
      [{ externalId: `${a.slug}-late`, name: 'Late Obligor', segment: 'SME', sector: null, country: 'FR' }],
      [
        {
          externalId: `${a.slug}-late-1`,
          obligorExternalId: `${a.slug}-late`,
          product: 'Overdraft',
          currency: 'EUR',
          ead: '999.99',
          limit: '5000.00',
          lgd: '0.3000',
          maturityDate: null,
          originationDate: null,
          collateralValue: null,
          daysPastDue: 0,
          status: 'WATCHLIST',
        },
      ],
    );
    await owner.query('COMMIT');
    await expectConsistent(a);
    await expectConsistent(b);

    const asOf = new Date('2026-11-30T12:00:00Z');
    await snapshotOrganization(db, scopeOf(a), asOf);
    const { rows } = await owner.query<Record<string, string>>(
      'SELECT exposure_count, obligor_count, total_ead, total_limit, total_loss_given_default, defaulted_count, defaulted_ead FROM portfolio_snapshots WHERE portfolio_id = $1 AND as_of = $2',
      [a.portfolioId, '2026-11-30'],
    );
    const snap = rows[0]!;
    const { totals } = await recomputed(a);
    expect({
      exposureCount: Number(snap.exposure_count),
      obligorCount: Number(snap.obligor_count),
      totalEad: money(snap.total_ead!),
      totalLimit: money(snap.total_limit!),
      totalLossGivenDefault: money(snap.total_loss_given_default!),
      defaultedCount: Number(snap.defaulted_count),
      defaultedEad: money(snap.defaulted_ead!),
    }).toEqual(totals);
  });

  it('lets a portfolio be deleted (its exposures and totals go with it)', async () => {
    await owner.query('DELETE FROM portfolios WHERE id = $1', [b.portfolioId]);
    const { rows } = await owner.query('SELECT 1 FROM portfolio_figures WHERE portfolio_id = $1', [b.portfolioId]);
    expect(rows).toHaveLength(0);
  });
});
