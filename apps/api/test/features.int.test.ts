// Model features through GraphQL: loading a CSV keyed by external ids (all-or-nothing, every problem
// named), reading an exposure's and an obligor's features and their history, and the role check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'features', 3);
});
afterAll(async () => h?.close());

const LOAD = `mutation($input: LoadFeaturesInput!) {
  loadFeatures(input: $input) { load { id level asOf columns rowCount fileName } issues { severity code column rows count message } }
}`;
const READ = `query($id: ID!) {
  portfolio(id: $id) { exposures(first: 10) { nodes { externalId
    features { asOf values { name value text } load { fileName } }
    featureHistory { asOf }
    obligor { features { values { name value } } } } } }
}`;

interface LoadResult {
  loadFeatures: {
    load: { level: string; asOf: string; columns: string[]; rowCount: number } | null;
    issues: { code: string; column: string | null; rows: number[] | null }[];
  };
}

describe('loadFeatures and features', () => {
  it('loads exposure and obligor features with an API key and reads them back with history', async () => {
    const csv = `external_id,PAY_0,REGION\n${t.slug}-E0,2,north\n${t.slug}-E1,0,south\n`;
    const res = await h.call<LoadResult>(
      LOAD,
      { input: { level: 'EXPOSURE', asOf: '2026-09-30', csv, fileName: 'cards.csv' } },
      t.keys.write,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.loadFeatures.load).toMatchObject({
      level: 'EXPOSURE',
      asOf: '2026-09-30',
      columns: ['PAY_0', 'REGION'],
      rowCount: 2,
    });
    const later = `external_id,PAY_0,REGION\n${t.slug}-E0,3,north\n`;
    expect(
      (await h.call<LoadResult>(LOAD, { input: { level: 'EXPOSURE', asOf: '2026-10-31', csv: later } }, t.keys.write)).body.data!
        .loadFeatures.load,
    ).not.toBeNull();
    const ratios = `external_id,current_ratio\n${t.slug}-O0,1.5\n`;
    expect(
      (await h.call<LoadResult>(LOAD, { input: { level: 'OBLIGOR', asOf: '2026-10-31', csv: ratios } }, t.keys.write)).body.data!
        .loadFeatures.load,
    ).not.toBeNull();

    type Read = {
      portfolio: {
        exposures: {
          nodes: {
            externalId: string;
            features: { asOf: string; values: unknown[]; load: { fileName: string | null } } | null;
            featureHistory: { asOf: string }[];
            obligor: { features: { values: unknown[] } | null };
          }[];
        };
      };
    };
    const read = await h.call<Read>(READ, { id: t.portfolioId }, t.keys.read);
    expect(read.body.errors).toBeUndefined();
    const byId = new Map(read.body.data!.portfolio.exposures.nodes.map((n) => [n.externalId, n]));
    const e0 = byId.get(`${t.slug}-E0`)!;
    expect(e0.features).toEqual({
      asOf: '2026-10-31',
      load: { fileName: null },
      values: [
        { name: 'PAY_0', value: 3, text: null },
        { name: 'REGION', value: null, text: 'north' },
      ],
    });
    expect(e0.featureHistory.map((s) => s.asOf)).toEqual(['2026-10-31', '2026-09-30']);
    expect(e0.obligor.features).toEqual({ values: [{ name: 'current_ratio', value: 1.5 }] });
    expect(byId.get(`${t.slug}-E2`)!.features).toBeNull();
  });

  it('returns every problem and stores nothing for a file with errors', async () => {
    const csv = `external_id,PAY_0\n${t.slug}-E0,1\nnot-ours,2\n,3\n`;
    const res = await h.call<LoadResult>(LOAD, { input: { level: 'EXPOSURE', asOf: '2026-12-31', csv } }, t.keys.write);
    expect(res.body.data!.loadFeatures.load).toBeNull();
    expect(res.body.data!.loadFeatures.issues).toEqual([expect.objectContaining({ code: 'missing-id', column: 'external_id', rows: [3] })]);
    const unknown = await h.call<LoadResult>(
      LOAD,
      { input: { level: 'EXPOSURE', asOf: '2026-12-31', csv: `external_id,PAY_0\nnot-ours,2\n` } },
      t.keys.write,
    );
    expect(unknown.body.data!.loadFeatures.issues).toEqual([expect.objectContaining({ code: 'unknown-id', rows: [1] })]);
    const loads = await h.call<{ featureLoads: { totalCount: number } }>('{ featureLoads { totalCount } }', {}, t.keys.read);
    expect(loads.body.data!.featureLoads.totalCount).toBe(3); // the three good loads of the test above
  });

  it('is refused to a read-only key', async () => {
    const res = await h.call(LOAD, { input: { level: 'EXPOSURE', asOf: '2026-09-30', csv: 'external_id,a\nx,1' } }, t.keys.read);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
