import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, type Database } from '../client.ts';
import { createTenantFixture, type TenantFixture } from '../testing/tenant-fixture.ts';
import type { TenantScope } from '../scope.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { ratio as ratioOf } from '../decimal.ts';
import { listExposures, updateExposure, type ExposureOrder } from './exposures.ts';
import { exposuresOfObligors } from './obligor-exposures.ts';
import { listAuditLog } from './audit.ts';
import { portfolioSummary, portfoliosByIds, listPortfolios } from './portfolios.ts';

let db: Database;
let a: TenantFixture;
let b: TenantFixture;
const scopeOf = (t: TenantFixture, userId = t.users.ANALYST.id): TenantScope => ({
  organizationId: t.organizationId,
  actor: { kind: 'user', userId },
  requestId: 'req-test-1',
});

beforeAll(async () => {
  const url = inject('databaseUrl');
  db = createDatabase({ connectionString: url });
  [a, b] = await Promise.all([
    createTenantFixture(url, { label: 'exp-a', exposures: 57 }),
    createTenantFixture(url, { label: 'exp-b', exposures: 5 }),
  ]);
});
afterAll(async () => db.close());

async function walk(order: ExposureOrder, size: number, backward = false): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard += 1) {
    const page = await listExposures(
      db,
      scopeOf(a),
      a.portfolioId,
      backward ? { last: size, before: cursor, orderBy: order } : { first: size, after: cursor, orderBy: order },
    );
    const pageIds = page.nodes.map((n) => n.id);
    ids.push(...(backward ? pageIds.reverse() : pageIds));
    const more = backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
    if (!more) break;
    cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
  }
  return backward ? ids.reverse() : ids;
}

describe('exposure listing', () => {
  it.each([
    { field: 'EAD', direction: 'DESC' },
    { field: 'EAD', direction: 'ASC' },
    { field: 'MATURITY_DATE', direction: 'ASC' },
    { field: 'MATURITY_DATE', direction: 'DESC' },
    { field: 'OBLIGOR_NAME', direction: 'ASC' },
  ] as ExposureOrder[])('pages through every row exactly once, forwards and backwards, sorted by $field $direction', async (order) => {
    const all = await listExposures(db, scopeOf(a), a.portfolioId, { first: 200, orderBy: order });
    expect(all.totalCount).toBe(57);
    const expected = all.nodes.map((n) => n.id);
    expect(await walk(order, 10)).toEqual(expected);
    expect(await walk(order, 8, true)).toEqual(expected);
  });

  it('sorts by EAD descending with ties broken by id in the same direction', async () => {
    const { nodes } = await listExposures(db, scopeOf(a), a.portfolioId, { first: 57, orderBy: { field: 'EAD', direction: 'DESC' } });
    for (let i = 1; i < nodes.length; i += 1) {
      const prev = nodes[i - 1]!,
        cur = nodes[i]!;
      expect(Number(prev.ead)).toBeGreaterThanOrEqual(Number(cur.ead));
      if (prev.ead === cur.ead) expect(prev.id > cur.id).toBe(true);
    }
  });

  it('filters in the database and counts the filtered total', async () => {
    const defaulted = await listExposures(db, scopeOf(a), a.portfolioId, { first: 100, filter: { status: 'DEFAULTED' } });
    expect(defaulted.totalCount).toBe(6); // i % 11 === 0 for i < 57
    expect(defaulted.nodes.every((n) => n.status === 'DEFAULTED')).toBe(true);
    const sme = await listExposures(db, scopeOf(a), a.portfolioId, { first: 100, filter: { segment: 'SME', minEad: '3000' } });
    expect(sme.nodes.every((n) => Number(n.ead) >= 3000)).toBe(true);
    expect(sme.totalCount).toBe(sme.nodes.length);
    const search = await listExposures(db, scopeOf(a), a.portfolioId, { first: 100, filter: { search: 'obligor 0042' } });
    expect(search.nodes.map((n) => n.externalId)).toEqual([`${a.slug}-E42`]);
  });

  it('names the argument at fault for bad paging and filters', async () => {
    await expect(listExposures(db, scopeOf(a), a.portfolioId, { first: 1000 })).rejects.toThrow(
      /first: must be an integer between 0 and 200/,
    );
    await expect(listExposures(db, scopeOf(a), a.portfolioId, { after: 'garbage' })).rejects.toThrow(InputError);
    await expect(listExposures(db, scopeOf(a), a.portfolioId, { filter: { minEad: 'ten' } })).rejects.toThrow(/filter.minEad/);
  });

  it('shows another organization nothing: lists, ids, obligors, summaries', async () => {
    const fromB = await listExposures(db, scopeOf(b, b.users.VIEWER.id), a.portfolioId, { first: 50 });
    expect(fromB.totalCount).toBe(0);
    expect(await portfoliosByIds(db, scopeOf(b), [a.portfolioId, b.portfolioId])).toEqual([
      null,
      expect.objectContaining({ id: b.portfolioId }),
    ]);
    expect(await portfolioSummary(db, scopeOf(b), a.portfolioId)).toBeNull();
    const some = (await listExposures(db, scopeOf(a), a.portfolioId, { first: 1 })).nodes[0]!;
    expect((await exposuresOfObligors(db, scopeOf(b), [some.obligorId]))[0]).toEqual(expect.objectContaining({ nodes: [], totalCount: 0 }));
    const listed = await listPortfolios(db, scopeOf(b), {});
    expect(listed.nodes.map((p) => p.id)).toEqual([b.portfolioId]);
  });
});

describe('exposure updates', () => {
  it('changes the row and writes an audit entry with before and after in the same transaction', async () => {
    const target = (await listExposures(db, scopeOf(a), a.portfolioId, { first: 1 })).nodes[0]!;
    const updated = await updateExposure(db, scopeOf(a), target.id, { ead: '1234.56', lgd: '0.3', status: 'WATCHLIST' });
    expect(updated).toEqual(expect.objectContaining({ ead: '1234.56', lgd: '0.3000', status: 'WATCHLIST' }));
    expect(updated.utilisation).toBe(ratioOf('1234.56', updated.limit));
    const log = await listAuditLog(db, scopeOf(a), { first: 5, filter: { entityId: target.id } });
    const entry = log.nodes[0]!;
    expect(entry.action).toBe('exposure.update');
    expect(entry.actorUserId).toBe(a.users.ANALYST.id);
    expect(entry.requestId).toBe('req-test-1');
    expect((entry.before as { ead: string }).ead).toBe(target.ead);
    expect(entry.after).toEqual(expect.objectContaining({ ead: '1234.56', lgd: '0.3000', status: 'WATCHLIST' }));
    // The audit trail keeps stored fields, not derived ones.
    expect(entry.after).not.toHaveProperty('utilisation');
  });

  it('rolls the change back when the audit entry cannot be written', async () => {
    const target = (await listExposures(db, scopeOf(a), a.portfolioId, { first: 1, orderBy: { field: 'EAD', direction: 'ASC' } }))
      .nodes[0]!;
    // An actor id that is not a user breaks the audit row's foreign key, after the update ran.
    const ghost: TenantScope = {
      organizationId: a.organizationId,
      actor: { kind: 'user', userId: '00000000-0000-4000-8000-00000000dead' },
    };
    await expect(updateExposure(db, ghost, target.id, { ead: '999999.99' })).rejects.toThrow();
    const after = (await listExposures(db, scopeOf(a), a.portfolioId, { first: 200 })).nodes.find((n) => n.id === target.id)!;
    expect(after.ead).toBe(target.ead);
  });

  it('validates every field and names it', async () => {
    const target = (await listExposures(db, scopeOf(a), a.portfolioId, { first: 1 })).nodes[0]!;
    await expect(updateExposure(db, scopeOf(a), target.id, { lgd: '1.5' })).rejects.toThrow(/input.lgd: must be at most 1/);
    await expect(updateExposure(db, scopeOf(a), target.id, { ead: '-1' })).rejects.toThrow(/input.ead: must be at least 0/);
    await expect(updateExposure(db, scopeOf(a), target.id, { ead: '1.234' })).rejects.toThrow(/input.ead: at most 2 decimal places/);
    await expect(updateExposure(db, scopeOf(a), target.id, { daysPastDue: -3 })).rejects.toThrow(/input.daysPastDue/);
    await expect(updateExposure(db, scopeOf(a), target.id, { maturityDate: '2030-13-45' })).rejects.toThrow(/input.maturityDate/);
    await expect(updateExposure(db, scopeOf(a), target.id, {})).rejects.toThrow(/input: names no field/);
    await expect(updateExposure(db, scopeOf(a), target.id, { pdAtOrigination: '1.2' })).rejects.toThrow(
      /input.pdAtOrigination: must be at most 1/,
    );
    await expect(updateExposure(db, scopeOf(a), target.id, { pdAtOrigination: '0.0000001' })).rejects.toThrow(
      /input.pdAtOrigination: at most 6 decimal places/,
    );
  });

  it('records, shows and clears the PD at origination', async () => {
    const target = (await listExposures(db, scopeOf(a), a.portfolioId, { first: 1 })).nodes[0]!;
    expect(target.pdAtOrigination).toBeNull();
    expect((await updateExposure(db, scopeOf(a), target.id, { pdAtOrigination: '0.0125' })).pdAtOrigination).toBe('0.012500');
    expect((await updateExposure(db, scopeOf(a), target.id, { pdAtOrigination: null })).pdAtOrigination).toBeNull();
  });

  it('refuses a change based on a version older than the stored one, writing and auditing nothing', async () => {
    const target = (await listExposures(db, scopeOf(a), a.portfolioId, { first: 1, orderBy: { field: 'DAYS_PAST_DUE', direction: 'ASC' } }))
      .nodes[0]!;
    const audited = async () => (await listAuditLog(db, scopeOf(a), { first: 50, filter: { entityId: target.id } })).nodes.length;
    // Two people open the same version; the first saves.
    const opened = target.updatedAt;
    const first = await updateExposure(db, scopeOf(a), target.id, { daysPastDue: 31 }, opened);
    expect(first.updatedAt.getTime()).not.toBe(opened.getTime());
    const entries = await audited();

    // The second save, based on the version both opened, would put back the days past due the first changed.
    const stale = updateExposure(db, scopeOf(a), target.id, { daysPastDue: target.daysPastDue, status: 'WATCHLIST' }, opened);
    await expect(stale).rejects.toThrow(ConflictError);
    await expect(stale).rejects.toThrow(/^expectedUpdatedAt: the exposure was changed at /);
    const stored = (await listExposures(db, scopeOf(a), a.portfolioId, { first: 200 })).nodes.find((n) => n.id === target.id)!;
    expect(stored).toEqual(expect.objectContaining({ daysPastDue: 31, status: first.status, updatedAt: first.updatedAt }));
    expect(await audited()).toBe(entries);

    // Based on the stored version it goes through, and without a version as before.
    expect(await updateExposure(db, scopeOf(a), target.id, { status: 'WATCHLIST' }, first.updatedAt)).toEqual(
      expect.objectContaining({ daysPastDue: 31, status: 'WATCHLIST' }),
    );
    expect((await updateExposure(db, scopeOf(a), target.id, { daysPastDue: 32 })).daysPastDue).toBe(32);
  });

  it('treats another organization exposure exactly like a missing one', async () => {
    const target = (await listExposures(db, scopeOf(a), a.portfolioId, { first: 1 })).nodes[0]!;
    const other = updateExposure(db, scopeOf(b), target.id, { ead: '1.00' });
    await expect(other).rejects.toThrow(NotFoundError);
    await expect(other).rejects.toThrow('Exposure not found');
    await expect(updateExposure(db, scopeOf(b), '00000000-0000-4000-8000-000000000001', { ead: '1.00' })).rejects.toThrow(
      'Exposure not found',
    );
  });
});
