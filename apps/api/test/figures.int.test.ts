// Money and ratios leave the API as exact decimal strings with a fixed number of places: money 2,
// LGD 4, ratios 6. The fixture's figures: EAD 1000*(1+i%7), limit 2000*(1+i%5), LGD 0.45.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'figures', 7);
});
afterAll(async () => h.close());

interface Figures {
  portfolio: {
    summary: { totalEad: string; totalLimit: string; utilisation: string; eadBySegment: { key: string; ead: string; share: string }[] };
    exposures: { nodes: { ead: string; limit: string; lgd: string; utilisation: string; obligor: { totalEad: string } }[] };
  };
}

describe('decimal figures', () => {
  it('writes money, LGD and ratios as decimal strings with fixed places, computed exactly', async () => {
    const res = await h.call<Figures>(
      `query($id: ID!) { portfolio(id: $id) {
        summary { totalEad totalLimit utilisation eadBySegment { key ead share } }
        exposures(first: 7, orderBy: { field: EAD, direction: ASC }) { nodes { ead limit lgd utilisation obligor { totalEad } } }
      } }`,
      { id: t.portfolioId },
      t.keys.read,
    );
    expect(res.body.errors).toBeUndefined();
    const { summary, exposures } = res.body.data!.portfolio;
    // EAD 1000..7000 (sum 28000), limits 2000,4000,6000,8000,10000,2000,4000 (sum 36000).
    expect(summary).toEqual(expect.objectContaining({ totalEad: '28000.00', totalLimit: '36000.00', utilisation: '0.777778' }));
    // Segments by i%3: RETAIL i=0,3,6 (1000+4000+7000), SME i=1,4 (2000+5000), CORPORATE i=2,5 (3000+6000).
    expect(summary.eadBySegment).toEqual([
      { key: 'RETAIL', ead: '12000.00', share: '0.428571' },
      { key: 'CORPORATE', ead: '9000.00', share: '0.321429' },
      { key: 'SME', ead: '7000.00', share: '0.250000' },
    ]);
    expect(exposures.nodes[0]).toEqual({
      ead: '1000.00',
      limit: '2000.00',
      lgd: '0.4500',
      utilisation: '0.500000',
      obligor: { totalEad: '1000.00' },
    });
    expect(exposures.nodes[5]).toEqual({
      ead: '6000.00',
      limit: '2000.00',
      lgd: '0.4500',
      utilisation: '3.000000',
      obligor: { totalEad: '6000.00' },
    });
  });
});
