import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createDatabase, type Database } from '../client.ts';
import { createTenantFixture, type TenantFixture } from '../testing/tenant-fixture.ts';
import type { TenantScope } from '../scope.ts';
import { listExposures } from '../repositories/exposures.ts';
import { loadFeatures } from './load-features.ts';
import { featureSetsOf, listFeatureLoads } from './read-features.ts';
import { ensurePortfolio } from '../seed/tenants.ts';
import { loadPortfolio } from '../seed/bulk-load.ts';
import { portfolioFeatureColumns } from '../scoring/links.ts';

let db: Database;
let t: TenantFixture;
let other: TenantFixture;
let scope: TenantScope;

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'feat', exposures: 4 });
  other = await createTenantFixture(inject('databaseUrl'), { label: 'featx', exposures: 2 });
  scope = { organizationId: t.organizationId, actor: { kind: 'user', userId: t.users.ANALYST.id } };
});
afterAll(async () => db.close());

const exposureIds = async (): Promise<Map<string, string>> =>
  new Map((await listExposures(db, scope, t.portfolioId, { first: 50 })).nodes.map((e) => [e.externalId, e.id]));

/** The days of an exposure's rows in one of the store's tables, oldest first. */
async function storedDays(table: 'exposure_features' | 'exposure_feature_history', exposureId: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    const { rows } = await client.query<{ day: string }>(`SELECT as_of::text AS day FROM ${table} WHERE exposure_id = $1 ORDER BY as_of`, [
      exposureId,
    ]);
    return rows.map((r) => r.day);
  } finally {
    await client.end();
  }
}

/** The organization's stored feature rows of a level, its latest rows and its history's together. */
async function countRows(table: 'exposure_features' | 'obligor_features'): Promise<number> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM ${table} WHERE organization_id = $1) + (SELECT count(*) FROM ${table.replace('features', 'feature_history')} WHERE organization_id = $1) AS n`,
      [t.organizationId],
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

describe('feature store', () => {
  it('loads exposure features by external id and reads them back exactly, with history', async () => {
    const tag = t.slug;
    const csv = [
      'external_id,PAY_0,BILL_AMT1,REGION',
      `${tag}-E0,2,0.1,north`,
      `${tag}-E1,-1,123456.789,south`,
      `${tag}-E2,,5.00E+05,north`,
      `${tag}-E3,0,0.30000000000000004,`,
    ].join('\n');
    const result = await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: csv }, fileName: 'cards.csv' });
    expect(result.ok, JSON.stringify(result.issues)).toBe(true);
    if (!result.ok) return;
    expect(result.load).toMatchObject({
      level: 'EXPOSURE',
      asOf: '2026-10-31',
      columns: ['PAY_0', 'BILL_AMT1', 'REGION'],
      rowCount: 4,
      fileName: 'cards.csv',
    });

    const ids = await exposureIds();
    const [sets] = await featureSetsOf(db, scope, 'EXPOSURE', [ids.get(`${tag}-E3`)!]);
    expect(sets![0]!.values).toEqual([
      { name: 'PAY_0', value: 0, text: null },
      { name: 'BILL_AMT1', value: 0.30000000000000004, text: null }, // the double itself, bit for bit
      { name: 'REGION', value: null, text: null },
    ]);
    const [e0, e2] = await featureSetsOf(db, scope, 'EXPOSURE', [ids.get(`${tag}-E0`)!, ids.get(`${tag}-E2`)!]);
    expect(e0![0]!.values[2]).toEqual({ name: 'REGION', value: null, text: 'north' });
    expect(e2![0]!.values.slice(0, 2)).toEqual([
      { name: 'PAY_0', value: null, text: null },
      { name: 'BILL_AMT1', value: 500000, text: null },
    ]);

    // A later day adds history; the same day again replaces.
    const later = [`external_id,PAY_0,BILL_AMT1`, `${tag}-E0,3,7`].join('\n');
    expect((await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-11-30', source: { text: later } })).ok).toBe(true);
    const again = [`external_id,PAY_0,BILL_AMT1`, `${tag}-E0,4,8`].join('\n');
    expect((await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-11-30', source: { text: again } })).ok).toBe(true);
    const [history] = await featureSetsOf(db, scope, 'EXPOSURE', [ids.get(`${tag}-E0`)!], { limit: 10 });
    expect(history!.map((s) => [s.asOf, s.values[0]!.value])).toEqual([
      ['2026-11-30', 4],
      ['2026-10-31', 2],
    ]);
    const [onDay] = await featureSetsOf(db, scope, 'EXPOSURE', [ids.get(`${tag}-E0`)!], { asOf: '2026-11-15' });
    expect(onDay![0]!.asOf).toBe('2026-10-31');
    // An older day (a back-filled month) joins the history and leaves the latest row as it was; the
    // latest row is the newest day, the other days are history (what a run dated today reads alone).
    const earlier = [`external_id,PAY_0,BILL_AMT1`, `${tag}-E0,1,6`].join('\n');
    expect((await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-09-30', source: { text: earlier } })).ok).toBe(true);
    const [all] = await featureSetsOf(db, scope, 'EXPOSURE', [ids.get(`${tag}-E0`)!], { limit: 10 });
    expect(all!.map((s) => [s.asOf, s.values[0]!.value])).toEqual([
      ['2026-11-30', 4],
      ['2026-10-31', 2],
      ['2026-09-30', 1],
    ]);
    expect(await storedDays('exposure_features', ids.get(`${tag}-E0`)!)).toEqual(['2026-11-30']);
    expect(await storedDays('exposure_feature_history', ids.get(`${tag}-E0`)!)).toEqual(['2026-09-30', '2026-10-31']);
    expect((await listFeatureLoads(db, scope)).totalCount).toBe(4);
  });

  it('loads obligor features', async () => {
    const csv = ['external_id,current_ratio', `${t.slug}-O1,1.25`].join('\n');
    const result = await loadFeatures(db, scope, { level: 'OBLIGOR', asOf: '2026-10-31', source: { text: csv } });
    expect(result.ok).toBe(true);
    expect(await countRows('obligor_features')).toBe(1);
  });

  it('refuses a file with errors naming every row and column, and stores nothing', async () => {
    const before = await countRows('exposure_features');
    const loadsBefore = (await listFeatureLoads(db, scope)).totalCount;
    const tag = t.slug;
    const bad = [
      'external_id,PAY_0,AGE',
      `${tag}-E0,1,30`,
      `${tag}-E1,2,x`,
      `,3,31`,
      `${tag}-E0,4,32`,
      ...Array.from({ length: 30 }, (_, i) => `${tag}-E${i % 4 === 1 ? 1 : 2},0,${40 + i}`),
    ].join('\n');
    const result = await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: bad } });
    expect(result.ok).toBe(false);
    const byCode = Object.fromEntries(result.issues.map((i) => [i.code, i]));
    expect(byCode['missing-id']).toMatchObject({ column: 'external_id', rows: [3] });
    expect(byCode['duplicate-id']!.rows!.slice(0, 2)).toEqual([4, 6]); // E0 again, then E1 again
    expect(byCode['text-in-numeric-column']).toMatchObject({ column: 'AGE', rows: [2] });

    // Ids of another organization are unknown here: rows named, nothing stored.
    const foreign = ['external_id,PAY_0', `${tag}-E0,1`, `${other.slug}-E0,2`, `nobody,3`].join('\n');
    const refused = await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: foreign } });
    expect(refused.ok).toBe(false);
    expect(refused.issues).toEqual([expect.objectContaining({ code: 'unknown-id', rows: [2, 3], count: 2 })]);
    expect(refused.issues[0]!.message).toContain(`"${other.slug}-E0"`);
    expect(await countRows('exposure_features')).toBe(before);
    expect((await listFeatureLoads(db, scope)).totalCount).toBe(loadsBefore);

    const missingId = await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: 'ID,PAY_0\n1,2' } });
    expect(missingId.issues[0]).toMatchObject({ code: 'missing-id-column', column: 'external_id' });
    const ragged = await loadFeatures(db, scope, {
      level: 'EXPOSURE',
      asOf: '2026-10-31',
      source: { text: `external_id,PAY_0\n${tag}-E0,1,2` },
    });
    expect(ragged.issues[0]).toMatchObject({ code: 'ragged-row', rows: [1] });
    await expect(loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '31/10/2026', source: { text: 'x' } })).rejects.toThrow(/asOf/);
  });

  it("a load through a portfolio only touches that portfolio's exposures and obligors", async () => {
    // A second book of the same organization, with its own obligor and exposure.
    const tag = t.slug;
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    let secondId: string;
    try {
      await client.query('BEGIN');
      secondId = await ensurePortfolio(client, t.organizationId, {
        name: `Second ${tag}`,
        description: 'second book',
        baseCurrency: 'EUR',
      });
      await loadPortfolio(
        client,
        t.organizationId,
        secondId,
        [{ externalId: `${tag}-XO0`, name: `Other obligor ${tag}`, segment: 'SME', sector: null, country: 'DE' }],
        [
          {
            externalId: `${tag}-X0`,
            obligorExternalId: `${tag}-XO0`,
            product: 'Term loan',
            currency: 'EUR',
            ead: '100.00',
            limit: '100.00',
            lgd: '0.4500',
            maturityDate: null,
            originationDate: '2024-01-01',
            collateralValue: null,
            daysPastDue: 0,
            status: 'PERFORMING',
          },
        ],
      );
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    const before = await countRows('exposure_features');
    const mixed = ['external_id,PAY_0', `${tag}-E0,1`, `${tag}-X0,2`].join('\n');
    const refused = await loadFeatures(db, scope, {
      level: 'EXPOSURE',
      asOf: '2026-11-01',
      source: { text: mixed },
      portfolioId: t.portfolioId,
    });
    expect(refused.ok).toBe(false);
    expect(refused.issues).toEqual([expect.objectContaining({ code: 'outside-portfolio', column: 'external_id', rows: [2], count: 1 })]);
    expect(refused.issues[0]!.message).toContain(`"${tag}-X0"`);
    expect(await countRows('exposure_features')).toBe(before);

    const obligor = ['external_id,current_ratio', `${tag}-XO0,2.5`].join('\n');
    const outside = await loadFeatures(db, scope, {
      level: 'OBLIGOR',
      asOf: '2026-11-01',
      source: { text: obligor },
      portfolioId: t.portfolioId,
    });
    expect(outside.issues).toEqual([expect.objectContaining({ code: 'outside-portfolio', rows: [1] })]);
    const inside = await loadFeatures(db, scope, {
      level: 'OBLIGOR',
      asOf: '2026-11-01',
      source: { text: obligor },
      portfolioId: secondId,
    });
    expect(inside.ok).toBe(true);
    // Without a portfolio (the CLI, the GraphQL mutation), any exposure of the organization.
    const orgWide = await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-11-01', source: { text: mixed } });
    expect(orgWide.ok).toBe(true);
    expect(await countRows('exposure_features')).toBe(before + 2);
  });

  it("counts a column that only the history holds among the portfolio's columns, on and after its day", async () => {
    // Older than every day loaded for E1: it goes straight to the history.
    const old = ['external_id,OLD_ONLY', `${t.slug}-E1,1`].join('\n');
    expect((await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-01-31', source: { text: old } })).ok).toBe(true);
    const ids = await exposureIds();
    expect(await storedDays('exposure_features', ids.get(`${t.slug}-E1`)!)).not.toContain('2026-01-31');
    expect(await storedDays('exposure_feature_history', ids.get(`${t.slug}-E1`)!)).toContain('2026-01-31');
    expect(await portfolioFeatureColumns(db, scope, t.portfolioId)).toContain('OLD_ONLY');
    expect(await portfolioFeatureColumns(db, scope, t.portfolioId, '2026-02-28')).toContain('OLD_ONLY');
    expect(await portfolioFeatureColumns(db, scope, t.portfolioId, '2025-12-31')).not.toContain('OLD_ONLY');
  });

  it("never shows another organization's features", async () => {
    const ids = await exposureIds();
    const foreignScope: TenantScope = { organizationId: other.organizationId, actor: { kind: 'system', name: 'test' } };
    const [sets] = await featureSetsOf(db, foreignScope, 'EXPOSURE', [ids.get(`${t.slug}-E0`)!]);
    expect(sets).toEqual([]);
  });
});
