import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, type Database } from '../client.ts';
import { createTenantFixture, type TenantFixture } from '../testing/tenant-fixture.ts';
import type { TenantScope } from '../scope.ts';
import { createPortfolio, portfolioSummary } from './portfolios.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
const N = 23;

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'sum', exposures: N });
  scope = { organizationId: t.organizationId, actor: { kind: 'user', userId: t.users.RISK_OFFICER.id } };
});
afterAll(async () => db.close());

// The fixture's rows, recomputed here: EAD 1000*(1+i%7), limit 2000*(1+i%5), LGD 0.45,
// segment RETAIL/SME/CORPORATE by i%3, sector Energy/Healthcare/Manufacturing/none by i%4,
// DEFAULTED when i%11 == 0.
function expected() {
  const rows = Array.from({ length: N }, (_, i) => ({
    ead: 1000 * (1 + (i % 7)),
    limit: 2000 * (1 + (i % 5)),
    segment: ['RETAIL', 'SME', 'CORPORATE'][i % 3]!,
    sector: ['Energy', 'Healthcare', 'Manufacturing', 'Unspecified'][i % 4]!,
    defaulted: i % 11 === 0,
  }));
  const sumBy = (key: 'segment' | 'sector') => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r[key], (m.get(r[key]) ?? 0) + r.ead);
    return m;
  };
  return { rows, bySegment: sumBy('segment'), bySector: sumBy('sector') };
}

describe('portfolio summary', () => {
  it('matches the totals and breakdowns computed by hand', async () => {
    const { rows, bySegment, bySector } = expected();
    const s = (await portfolioSummary(db, scope, t.portfolioId, 5))!;
    const totalEad = rows.reduce((a, r) => a + r.ead, 0);
    expect(s.exposureCount).toBe(N);
    expect(s.obligorCount).toBe(N);
    expect(s.totalEad.toNumber()).toBe(totalEad);
    expect(s.totalLimit.toNumber()).toBe(rows.reduce((a, r) => a + r.limit, 0));
    expect(s.totalLossGivenDefault.toNumber()).toBeCloseTo(totalEad * 0.45, 2);
    expect(s.defaultedCount).toBe(rows.filter((r) => r.defaulted).length);
    expect(s.defaultedEad.toNumber()).toBe(rows.filter((r) => r.defaulted).reduce((a, r) => a + r.ead, 0));
    expect(new Map(s.eadBySegment.map((b) => [b.key, b.ead.toNumber()]))).toEqual(bySegment);
    expect(new Map(s.eadBySector.map((b) => [b.key, b.ead.toNumber()]))).toEqual(bySector);
    expect(s.eadByStatus.map((b) => b.key).sort()).toEqual(['DEFAULTED', 'PERFORMING']);
    expect(s.topObligors).toHaveLength(5);
    expect(s.topObligors.map((o) => o.ead.toNumber())).toEqual(
      rows
        .map((r) => r.ead)
        .sort((a, b) => b - a)
        .slice(0, 5),
    );
    expect(s.eadBySegment.map((b) => b.ead.toNumber())).toEqual([...s.eadBySegment.map((b) => b.ead.toNumber())].sort((a, b) => b - a));
  });

  it('summarises an empty portfolio as zeros and another organization as not found', async () => {
    const empty = await createPortfolio(db, scope, { name: 'Empty book', baseCurrency: 'EUR' });
    const s = (await portfolioSummary(db, scope, empty.id))!;
    expect(s).toEqual(expect.objectContaining({ exposureCount: 0, obligorCount: 0, eadBySegment: [], topObligors: [] }));
    expect(s.totalEad.toNumber()).toBe(0);
    const other = await createTenantFixture(inject('databaseUrl'), { label: 'sum-other', exposures: 1 });
    expect(await portfolioSummary(db, { organizationId: other.organizationId, actor: scope.actor }, t.portfolioId)).toBeNull();
  });
});
