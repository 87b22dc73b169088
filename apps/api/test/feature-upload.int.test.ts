// Feature files over POST /portfolios/<id>/features with the real API and PostgreSQL, through real HTTP:
// a good file (larger than the mutation's 10 MB would allow in spirit: streamed, not buffered) lands by
// the COPY path and reads back through GraphQL; a file with errors answers 422 with every issue and
// stores nothing, and so does one naming exposures of another portfolio; roles, a foreign portfolio and
// missing parameters are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTenantRows, startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

const N = 300;
let h: Harness;
let t: TenantWithKeys;

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'featureupload', N);
});
afterAll(async () => h.close());

function upload(body: string | ReadableStream<Uint8Array>, key: string, query = 'asOf=2026-10-31', portfolioId = t.portfolioId) {
  // duplex: Node's fetch streams a ReadableStream body only with it (not in RequestInit's type yet).
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
    body,
    duplex: 'half',
  };
  return fetch(`${h.api.url.replace('/graphql', `/portfolios/${portfolioId}/features`)}?${query}`, init);
}

const count = (table: string) => countTenantRows(table, t.organizationId);

/** The file as a stream of small chunks, as a browser or curl sends a large one. */
function chunked(text: string, size = 1024): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + size));
      at += size;
    },
  });
}

describe('feature upload over HTTP', () => {
  it('refuses a file with errors with every issue, storing nothing', async () => {
    const bad = ['external_id,PAY_0,BILL_AMT1', `${t.slug}-E0,1,100`, `${t.slug}-E1,1,100`, `${t.slug}-E0,2,200`, `NOPE-1,1,1`].join('\n');
    const response = await upload(bad, t.keys.write);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { message: string }; issues: { severity: string; message: string }[] };
    expect(body.error.message).toMatch(/nothing was stored/);
    const errors = body.issues.filter((i) => i.severity === 'error').map((i) => i.message);
    expect(errors.join('\n')).toMatch(/row 3 repeat/); // the duplicate id
    // Ids are checked against the organization's inside the write, which then rolls back.
    const unknown = await upload(['external_id,PAY_0', `${t.slug}-E0,1`, 'NOPE-1,1', 'NOPE-2,2'].join('\n'), t.keys.write);
    expect(unknown.status).toBe(422);
    const report = ((await unknown.json()) as { issues: { message: string }[] }).issues.map((i) => i.message).join('\n');
    expect(report).toMatch(/NOPE-1/);
    // Through another portfolio of the same organization, this book's exposures are refused by row.
    const created = await h.call<{ createPortfolio: { id: string } }>(
      'mutation { createPortfolio(input: { name: "Second book", baseCurrency: "EUR" }) { id } }',
      {},
      t.keys.admin,
    );
    const second = created.body.data!.createPortfolio.id;
    const elsewhere = await upload(['external_id,PAY_0', `${t.slug}-E0,1`].join('\n'), t.keys.write, 'asOf=2026-10-31', second);
    expect(elsewhere.status).toBe(422);
    const outside = ((await elsewhere.json()) as { issues: { code: string; rows: number[] }[] }).issues;
    expect(outside).toEqual([expect.objectContaining({ code: 'outside-portfolio', rows: [1] })]);
    expect(await count('feature_loads')).toBe(0);
    expect(await count('exposure_features')).toBe(0);
  });

  it('loads a streamed file by COPY and shows it through GraphQL', async () => {
    const lines = ['external_id,PAY_0,BILL_AMT1,LIMIT_BAL'];
    for (let i = 0; i < N; i++) lines.push(`${t.slug}-E${i},${(i % 5) - 1},${i * 13.5},${50000 + i}`);
    const response = await upload(chunked(lines.join('\n')), t.keys.write, 'asOf=2026-10-31&fileName=cards.csv');
    expect(response.status).toBe(201);
    const body = (await response.json()) as { load: { id: string; rowCount: number; level: string; columns: string[]; fileName: string } };
    expect(body.load).toMatchObject({
      rowCount: N,
      level: 'EXPOSURE',
      columns: ['PAY_0', 'BILL_AMT1', 'LIMIT_BAL'],
      fileName: 'cards.csv',
    });
    expect(await count('exposure_features')).toBe(N);
    const res = await h.call<{ featureLoads: { nodes: { id: string; rowCount: number }[] } }>(
      '{ featureLoads(first: 5) { nodes { id rowCount } } }',
      {},
      t.keys.read,
    );
    expect(res.body.data!.featureLoads.nodes).toEqual([{ id: body.load.id, rowCount: N }]);
  });

  it('takes obligor-level files', async () => {
    const ratios = ['external_id,current_ratio', `${t.slug}-O0,1.25`, `${t.slug}-O1,0.5`].join('\n');
    const response = await upload(ratios, t.keys.admin, 'asOf=2026-10-31&level=OBLIGOR');
    expect(response.status).toBe(201);
    expect(await count('obligor_features')).toBe(2);
  });

  it('refuses a read-only key, a missing day, a bad level and a portfolio not of the organization', async () => {
    const csv = `external_id,PAY_0\n${t.slug}-E0,1`;
    expect((await upload(csv, t.keys.read)).status).toBe(403);
    const noDay = await upload(csv, t.keys.write, 'level=EXPOSURE');
    expect(noDay.status).toBe(400);
    expect(((await noDay.json()) as { error: { field: string } }).error.field).toBe('asOf');
    expect((await upload(csv, t.keys.write, 'asOf=2026-10-31&level=LOAN')).status).toBe(400);
    expect((await upload(csv, t.keys.write, 'asOf=31.10.2026')).status).toBe(400);
    const other = await tenantWithKeys(h.db, 'featureupload-other', 1);
    expect((await upload(csv, t.keys.write, 'asOf=2026-10-31', other.portfolioId)).status).toBe(404);
    const anonymous = await fetch(`${h.api.url.replace('/graphql', `/portfolios/${t.portfolioId}/features`)}?asOf=2026-10-31`, {
      method: 'POST',
      body: csv,
    });
    expect(anonymous.status).toBe(401);
  });
});
