import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
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
    let rows = await listSnapshots(db, scope, t.portfolioId);
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
    rows = await listSnapshots(db, scope, t.portfolioId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.totalEad).toBe('43500.00');
    await snapshotOrganization(db, scope, new Date('2026-03-11T00:01:00Z'));
    expect(await listSnapshots(db, scope, t.portfolioId)).toHaveLength(2);
  });

  it('records exactly the totals the live summary shows (one definition of the measures)', async () => {
    await snapshotOrganization(db, scope, new Date('2026-04-01T12:00:00Z'));
    const [snapshot] = await listSnapshots(db, scope, t.portfolioId, { from: new Date('2026-04-01T00:00:00Z') });
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
});
