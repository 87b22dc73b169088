// Dataset upload over POST /datasets with the real API and PostgreSQL: a good file is stored once,
// content-addressed and immutable; a file with errors is refused with its report and stores nothing;
// roles are enforced; the list shows rows, default rate, columns and uploader.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { countTenantRows, startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

const TAIWAN = new URL('../../../data/taiwan-credit-default.csv', import.meta.url);
let h: Harness;
let t: TenantWithKeys;

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'datasets', 2);
});
afterAll(async () => h.close());

function upload(body: Uint8Array | string, key: string, query = 'name=Taiwan%20cards') {
  return fetch(`${h.api.url.replace('/graphql', '/datasets')}?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
    body,
  });
}

const countRows = (table: string) => countTenantRows(table, t.organizationId);

describe('dataset upload', () => {
  const bytes = readFileSync(TAIWAN);
  const sha = createHash('sha256').update(bytes).digest('hex');
  let datasetId = '';

  it('stores the Taiwan file with its validation report, addressed by its SHA-256', async () => {
    const response = await upload(bytes, t.keys.write);
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      dataset: { id: string; sha256: string; rowCount: number; defaultRate: string; targetColumn: string };
      duplicate: boolean;
    };
    expect(body.duplicate).toBe(false);
    expect(body.dataset).toMatchObject({ sha256: sha, rowCount: 30_000, targetColumn: 'DEFAULT_NEXT_MONTH', defaultRate: '0.22120000' });
    datasetId = body.dataset.id;
    const again = await upload(bytes, t.keys.admin, 'name=Same%20bytes');
    expect(again.status).toBe(200);
    expect(((await again.json()) as { dataset: { id: string }; duplicate: boolean }).dataset.id).toBe(datasetId);
  });

  it('lists it through GraphQL with rows, default rate, columns and uploader', async () => {
    const res = await h.call<{
      datasets: {
        totalCount: number;
        nodes: {
          id: string;
          rowCount: number;
          defaultRate: string;
          columns: { name: string; type: string }[];
          uploadedBy: { kind: string; name: string };
        }[];
      };
    }>(
      '{ datasets(first: 10) { totalCount nodes { id rowCount defaultRate columns { name type } uploadedBy { kind name } } } }',
      {},
      t.keys.read,
    );
    expect(res.body.data!.datasets.totalCount).toBe(1);
    const [dataset] = res.body.data!.datasets.nodes;
    expect(dataset).toMatchObject({ id: datasetId, rowCount: 30_000, defaultRate: '0.22120000', uploadedBy: { kind: 'API_KEY' } });
    expect(dataset!.columns).toHaveLength(25);
    expect(dataset!.columns.find((c) => c.name === 'DEFAULT_NEXT_MONTH')?.type).toBe('target');
  });

  it('refuses a file with errors with the row and column of each problem, and stores nothing', async () => {
    const before = [await countRows('datasets'), await countRows('dataset_chunks')];
    const lines = ['id,income,default', ...Array.from({ length: 40 }, (_, i) => `${i},${1000 + i},${i % 4 === 0 ? 1 : 0}`)];
    lines[5] = '4,1004'; // data row 5 has two fields
    lines[9] = '8,1008,yes'; // data row 9: a third target value
    const response = await upload(lines.join('\n'), t.keys.write, 'name=Broken');
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      error: { message: string };
      report: { ok: boolean; issues: { code: string; column?: string; rows?: number[] }[] };
    };
    expect(body.error.message).toMatch(/nothing was stored/);
    expect(body.report.issues.find((i) => i.code === 'ragged-row')?.rows).toEqual([5]);
    expect(body.report.issues.find((i) => i.code === 'non-binary-target')).toMatchObject({ column: 'default', rows: [9] });
    expect([await countRows('datasets'), await countRows('dataset_chunks')]).toEqual(before);
  });

  it('needs a name, a WRITE key, and credentials', async () => {
    expect((await upload('a,b\n', t.keys.write, 'description=x')).status).toBe(400);
    expect((await upload(bytes, t.keys.read)).status).toBe(403);
    expect((await fetch(`${h.api.url.replace('/graphql', '/datasets')}?name=x`, { method: 'POST', body: 'a' })).status).toBe(401);
  });

  it("keeps a dataset's bytes immutable, even for the database owner", async () => {
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    try {
      await expect(
        client.query('UPDATE dataset_chunks SET data = $2 WHERE dataset_id = $1', [datasetId, Buffer.from('x')]),
      ).rejects.toThrow(/immutable/);
      await expect(client.query('UPDATE datasets SET row_count = 1 WHERE id = $1', [datasetId])).rejects.toThrow(/immutable/);
    } finally {
      await client.end();
    }
  });
});
