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
    const totalLimit = rows.reduce((a, r) => a + r.limit, 0);
    expect(s.exposureCount).toBe(N);
    expect(s.obligorCount).toBe(N);
    expect(s.totalEad).toBe(`${totalEad}.00`);
    expect(s.totalLimit).toBe(`${totalLimit}.00`);
    expect(Number(s.totalLossGivenDefault)).toBeCloseTo(totalEad * 0.45, 2);
    expect(s.defaultedCount).toBe(rows.filter((r) => r.defaulted).length);
    expect(Number(s.defaultedEad)).toBe(rows.filter((r) => r.defaulted).reduce((a, r) => a + r.ead, 0));
    // Ratios are decimal strings with six places: 88000 / 132000 and each segment's EAD / total EAD.
    expect(s.utilisation).toBe((totalEad / totalLimit).toFixed(6));
    expect(new Map(s.eadBySegment.map((b) => [b.key, Number(b.ead)]))).toEqual(bySegment);
    expect(new Map(s.eadBySegment.map((b) => [b.key, b.share]))).toEqual(
      new Map([...bySegment].map(([key, ead]) => [key, (ead / totalEad).toFixed(6)])),
    );
    expect(new Map(s.eadBySector.map((b) => [b.key, Number(b.ead)]))).toEqual(bySector);
    expect(s.eadByStatus.map((b) => b.key).sort()).toEqual(['DEFAULTED', 'PERFORMING']);
    expect(s.topObligors).toHaveLength(5);
    expect(s.topObligors.map((o) => Number(o.ead))).toEqual(
      rows
        .map((r) => r.ead)
        .sort((a, b) => b - a)
        .slice(0, 5),
    );
    expect(s.topObligors[0]!.share).toBe((7000 / totalEad).toFixed(6));
    expect(s.eadBySegment.map((b) => Number(b.ead))).toEqual([...s.eadBySegment.map((b) => Number(b.ead))].sort((a, b) => b - a));
  });

  it('summarises an empty portfolio as zeros and another organization as not found', async () => {
    const empty = await createPortfolio(db, scope, { name: 'Empty book', baseCurrency: 'EUR' });
    const s = (await portfolioSummary(db, scope, empty.id))!;
    expect(s).toEqual(
      expect.objectContaining({
        exposureCount: 0,
        obligorCount: 0,
        totalEad: '0.00',
        utilisation: null,
        eadBySegment: [],
        topObligors: [],
      }),
    );
    const other = await createTenantFixture(inject('databaseUrl'), { label: 'sum-other', exposures: 1 });
    expect(await portfolioSummary(db, { organizationId: other.organizationId, actor: scope.actor }, t.portfolioId)).toBeNull();
  });
});
