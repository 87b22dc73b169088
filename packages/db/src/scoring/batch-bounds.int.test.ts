// A run's batches (batch-bounds.ts) against the same cut made in JavaScript from the portfolio's ids:
// every exposure in exactly one batch, in id order, `size` to a batch but the last, with another
// portfolio's exposures interleaved in the id order and another organization looking.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createTenantFixture } from '../testing/tenant-fixture.ts';
import { ensurePortfolio } from '../seed/tenants.ts';
import { batchBoundsQuery } from './batch-bounds.ts';

interface Batch {
  n: number;
  first_id: string;
  last_id: string;
  exposure_count: number;
}

const N = 23;
let client: pg.Client;
let org: string;
let otherOrg: string;
let book: string;
let emptyBook: string;
let ids: string[];

beforeAll(async () => {
  const url = inject('databaseUrl');
  const a = await createTenantFixture(url, { label: 'batch-bounds', exposures: N });
  const b = await createTenantFixture(url, { label: 'batch-bounds-other', exposures: 3 });
  org = a.organizationId;
  otherOrg = b.organizationId;
  book = a.portfolioId;
  client = new pg.Client({ connectionString: url });
  await client.connect();
  ids = (await client.query<{ id: string }>('SELECT id::text FROM exposures WHERE portfolio_id = $1', [book])).rows.map((r) => r.id).sort();
  // A second book of the same organization whose ids fall between the first book's (each one of the
  // first book's ids with its last byte changed), and an empty third book.
  const interleaved = await ensurePortfolio(client, org, { name: `Interleaved ${a.slug}`, description: 'test', baseCurrency: 'EUR' });
  emptyBook = await ensurePortfolio(client, org, { name: `Empty ${a.slug}`, description: 'test', baseCurrency: 'EUR' });
  const taken = new Set(ids);
  const between = ids.slice(0, 12).map((id) => {
    for (let byte = 0; byte < 256; byte++) {
      const candidate = id.slice(0, 34) + byte.toString(16).padStart(2, '0');
      if (!taken.has(candidate)) return candidate;
    }
    throw new Error('no free id');
  });
  await client.query(
    `INSERT INTO exposures SELECT (jsonb_populate_record(e, jsonb_build_object('id', n.id, 'portfolio_id', $2::uuid, 'external_id', e.external_id || '-i'))).*
       FROM unnest($3::uuid[], $4::uuid[]) AS n(id, source) JOIN exposures e ON e.id = n.source WHERE e.portfolio_id = $1`,
    [book, interleaved, between, ids.slice(0, 12)],
  );
}, 60_000);
afterAll(async () => client?.end());

/** The query's rows as `tenant` (the tenant role and its setting), in a transaction rolled back after; the query names `organization`. */
async function bounds(tenant: string, portfolio: string, size: number, organization = tenant): Promise<Batch[]> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', $1, true)`, [tenant]);
    const { rows } = await client.query<Batch>(
      `SELECT n, first_id::text, last_id::text, exposure_count::int FROM (${batchBoundsQuery({ organization: '$1::uuid', portfolio: '$2::uuid', size: '$3' })}) b ORDER BY n`,
      [organization, portfolio, size],
    );
    return rows;
  } finally {
    await client.query('ROLLBACK');
  }
}

/** The same cut in JavaScript. */
function expected(size: number): Batch[] {
  const out: Batch[] = [];
  for (let at = 0; at < ids.length; at += size) {
    const part = ids.slice(at, at + size);
    out.push({ n: out.length, first_id: part[0]!, last_id: part[part.length - 1]!, exposure_count: part.length });
  }
  return out;
}

describe('batchBoundsQuery', () => {
  it.each([1, 2, 5, 22, 23, 24, 100])('cuts the book every %i exposures in id order, the last batch short', async (size) => {
    expect(await bounds(org, book, size)).toEqual(expected(size));
  });

  it('gives an empty book no batch', async () => {
    expect(await bounds(org, emptyBook, 5)).toEqual([]);
  });

  it("sees nothing of another organization's book, even named as that organization", async () => {
    expect(await bounds(otherOrg, book, 5, org)).toEqual([]);
  });
});
