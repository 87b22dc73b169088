// The portfolio cache's rules, without a database: served only to the organization whose RLS read
// returned the row, dropped by a notification, bypassed while the listener is down, and never storing
// a lookup that a notification overtook.
import { describe, expect, it } from 'vitest';
import type { Portfolio } from '@probity/db';
import { PortfolioCache } from './portfolio-cache.ts';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const P1 = '10000000-0000-4000-8000-000000000001';
const P2 = '10000000-0000-4000-8000-000000000002';

const portfolio = (id: string, organizationId = ORG_A, dataVersion = 1n): Portfolio => ({
  id,
  organizationId,
  name: `p ${id.slice(-1)}`,
  description: null,
  baseCurrency: 'USD',
  dataVersion,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

/** A fake RLS read: rows of `organizationId` only, counting the ids it was asked for. */
function database(rows: Portfolio[]) {
  const asked: string[][] = [];
  return {
    asked,
    rows,
    lookup: (organizationId: string) => async (ids: readonly string[]) => {
      asked.push([...ids]);
      return ids.map((id) => rows.find((r) => r.id === id && r.organizationId === organizationId) ?? null);
    },
  };
}

describe('PortfolioCache', () => {
  it('reads each portfolio once while the listener is live, only the missing ones, in the order asked', async () => {
    const cache = new PortfolioCache({ ttlMs: 10_000, isLive: () => true });
    const db = database([portfolio(P1), portfolio(P2)]);
    expect((await cache.load(ORG_A, [P1], db.lookup(ORG_A))).map((p) => p?.id)).toEqual([P1]);
    expect((await cache.load(ORG_A, [P2, P1], db.lookup(ORG_A))).map((p) => p?.id)).toEqual([P2, P1]);
    expect((await cache.load(ORG_A, [P1, P2], db.lookup(ORG_A))).map((p) => p?.id)).toEqual([P1, P2]);
    expect(db.asked).toEqual([[P1], [P2]]);
  });

  it("never serves one organization's cached portfolio to another: it reads under the other's scope (null)", async () => {
    const cache = new PortfolioCache({ ttlMs: 10_000, isLive: () => true });
    const db = database([portfolio(P1, ORG_A)]);
    expect((await cache.load(ORG_A, [P1], db.lookup(ORG_A)))[0]?.id).toBe(P1);
    expect(await cache.load(ORG_B, [P1], db.lookup(ORG_B))).toEqual([null]);
    expect(await cache.load(ORG_B, [P1], db.lookup(ORG_B))).toEqual([null]);
    expect(db.asked).toEqual([[P1], [P1], [P1]]);
    // A row a lookup returned for another organization than the one asking is not kept either.
    const wrong = new PortfolioCache({ ttlMs: 10_000, isLive: () => true });
    const leaky = async (ids: readonly string[]) => ids.map((id) => portfolio(id, ORG_A));
    await wrong.load(ORG_B, [P1], leaky);
    expect(wrong.size).toBe(0);
  });

  it('drops a portfolio when it is notified, and everything on "*" or a reset', async () => {
    const cache = new PortfolioCache({ ttlMs: 10_000, isLive: () => true });
    const db = database([portfolio(P1), portfolio(P2)]);
    await cache.load(ORG_A, [P1, P2], db.lookup(ORG_A));
    db.rows[0] = portfolio(P1, ORG_A, 2n);
    cache.invalidate(P1);
    const [p1, p2] = await cache.load(ORG_A, [P1, P2], db.lookup(ORG_A));
    expect(p1?.dataVersion).toBe(2n);
    expect(p2?.id).toBe(P2);
    expect(db.asked).toEqual([[P1, P2], [P1]]);
    cache.invalidate('*');
    expect(cache.size).toBe(0);
  });

  it('always reads while the listener is down, or when turned off', async () => {
    let live = false;
    const cache = new PortfolioCache({ ttlMs: 10_000, isLive: () => live });
    const db = database([portfolio(P1)]);
    await cache.load(ORG_A, [P1], db.lookup(ORG_A));
    await cache.load(ORG_A, [P1], db.lookup(ORG_A));
    expect(db.asked).toHaveLength(2);
    live = true;
    await cache.load(ORG_A, [P1], db.lookup(ORG_A));
    await cache.load(ORG_A, [P1], db.lookup(ORG_A));
    expect(db.asked).toHaveLength(3);
    const off = new PortfolioCache({ ttlMs: 0, isLive: () => true });
    await off.load(ORG_A, [P1], db.lookup(ORG_A));
    await off.load(ORG_A, [P1], db.lookup(ORG_A));
    expect(db.asked).toHaveLength(5);
  });

  it('does not store a read that a notification overtook, nor a missing portfolio', async () => {
    const cache = new PortfolioCache({ ttlMs: 10_000, isLive: () => true });
    const db = database([portfolio(P1)]);
    const overtaken = async (ids: readonly string[]) => {
      const rows = await db.lookup(ORG_A)(ids);
      cache.invalidate(P2); // any change notified while the read was in flight
      return rows;
    };
    await cache.load(ORG_A, [P1], overtaken);
    expect(cache.size).toBe(0);
    expect(await cache.load(ORG_A, [P2], db.lookup(ORG_A))).toEqual([null]);
    expect(cache.size).toBe(0);
  });

  it('forgets entries after the TTL', async () => {
    const cache = new PortfolioCache({ ttlMs: 30, isLive: () => true });
    const db = database([portfolio(P1)]);
    await cache.load(ORG_A, [P1], db.lookup(ORG_A));
    await new Promise((r) => setTimeout(r, 60));
    await cache.load(ORG_A, [P1], db.lookup(ORG_A));
    expect(db.asked).toHaveLength(2);
  });
});
