import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, prismaOf, type Database } from '../client.ts';
import { seedDemo } from './seed-demo.ts';
import { DEMO_ACCOUNTS } from './demo-accounts.ts';
import { signInWithPassword } from '../repositories/identity.ts';
import { featureSetsOf, listFeatureLoads } from '../features/read-features.ts';

let db: Database;
beforeAll(() => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
});
afterAll(async () => db.close());

describe('demo seed', () => {
  it('builds Demo Bank from the Taiwan data and is idempotent', async () => {
    const today = new Date('2026-11-27T10:00:00Z');
    const first = await seedDemo(inject('databaseUrl'), today);
    const second = await seedDemo(inject('databaseUrl'), today);
    expect(second.organizationId).toBe(first.organizationId);
    expect(second.newExposures).toBe(0);

    const retail = await prismaOf(db).exposure.findMany({ where: { portfolioId: first.retailPortfolioId }, select: { externalId: true } });
    expect(retail).toHaveLength(30_000);
    // Client 1 of the file: LIMIT_BAL 20000, BILL_AMT1 3913, PAY_0 = 2 (two months late).
    const one = await prismaOf(db).exposure.findFirstOrThrow({
      where: { organizationId: first.organizationId, externalId: 'CARD-1' },
      include: { obligor: true },
    });
    expect(one.ead.toFixed(2)).toBe('3913.00');
    expect(one.limit.toFixed(2)).toBe('20000.00');
    expect(one.lgd.toFixed(2)).toBe('0.65');
    expect(one.daysPastDue).toBe(60);
    expect(one.status).toBe('WATCHLIST');
    expect(one.obligor.segment).toBe('RETAIL');
    // A negative bill is floored at zero (client 1 of the file has none; find one that does).
    const negative = await prismaOf(db).exposure.count({ where: { portfolioId: first.retailPortfolioId, ead: { lt: 0 } } });
    expect(negative).toBe(0);

    const corporate = await prismaOf(db).obligor.groupBy({
      by: ['segment'],
      where: { organizationId: first.organizationId, externalId: { startsWith: 'CORP-' } },
      _count: true,
    });
    expect(corporate.map((g) => g.segment).sort()).toEqual(['CORPORATE', 'SME']);
    const sectors = await prismaOf(db).obligor.findMany({
      where: { organizationId: first.organizationId, externalId: { startsWith: 'CORP-' } },
      distinct: ['sector'],
      select: { sector: true },
    });
    expect(sectors.length).toBeGreaterThanOrEqual(8);

    const snapshots = await prismaOf(db).portfolioSnapshot.findMany({
      where: { portfolioId: first.retailPortfolioId },
      orderBy: { asOf: 'asc' },
    });
    expect(snapshots.map((s) => s.asOf.toISOString().slice(0, 10))).toEqual([
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
    ]);
    // Model features: the card's Taiwan row, the company's Polish ratios, loaded once for the latest month-end.
    const scope = { organizationId: first.organizationId, actor: { kind: 'system', name: 'test' } } as const;
    const loads = await listFeatureLoads(db, scope);
    expect(loads.nodes.map((l) => [l.level, l.asOf, l.rowCount, l.columns.length]).sort()).toEqual([
      ['EXPOSURE', '2026-10-31', 30_000, 23],
      ['OBLIGOR', '2026-10-31', 80, 64],
    ]);
    const [card] = await featureSetsOf(db, scope, 'EXPOSURE', [one.id]);
    const cardValue = (name: string) => card![0]!.values.find((v) => v.name === name)?.value;
    expect([cardValue('LIMIT_BAL'), cardValue('PAY_0'), cardValue('BILL_AMT1'), cardValue('DEFAULT_NEXT_MONTH')]).toEqual([
      20000,
      2,
      3913,
      undefined,
    ]);
    const company = await prismaOf(db).obligor.findFirstOrThrow({
      where: { organizationId: first.organizationId, externalId: 'CORP-0001' },
    });
    const [ratios] = await featureSetsOf(db, scope, 'OBLIGOR', [company.id]);
    expect(ratios![0]!.values.slice(0, 2)).toEqual([
      { name: 'Attr1', value: 0.20055, text: null }, // data row 0 of the Polish file
      { name: 'Attr2', value: 0.37951, text: null },
    ]);

    const latest = snapshots.at(-1)!;
    const totals = await prismaOf(db).exposure.aggregate({ where: { portfolioId: first.retailPortfolioId }, _sum: { ead: true } });
    expect(latest.totalEad.toFixed(2)).toBe(totals._sum.ead!.toFixed(2));
  }, 300_000); // two seeds of 30,000 exposures through thirteen indexes: 74 s beside nothing at load 5, over 120 s beside another suite at load 16

  it('gives every demo account a working sign-in with its role', async () => {
    await seedDemo(inject('databaseUrl'));
    for (const account of DEMO_ACCOUNTS) {
      const result = await signInWithPassword(db, { email: account.email, password: account.password, ip: '127.0.0.1' });
      expect(result.ok, account.email).toBe(true);
      if (result.ok) expect(result.user.memberships[0]!.role).toBe(account.role);
    }
  }, 300_000); // a third seed of 30,000 exposures (found stored, so skipped): 93 s at load 5; a timeout is not what it asserts
});
