// The exposure table's search split into its words (exposure-search.ts) finds exactly the rows the whole
// search does: on a book whose references all share the fixture's tag (the common prefix the split
// leaves to the check), against a plain ILIKE of the whole search over the same rows.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createDatabase, type Database } from '../client.ts';
import { createTenantFixture, type TenantFixture } from '../testing/tenant-fixture.ts';
import type { TenantScope } from '../scope.ts';
import { listExposures } from './exposures.ts';
import { commonSearchWordsQuery, containsPattern, SEARCH_SAMPLE_ROWS } from './exposure-search.ts';

let db: Database;
let owner: pg.Client;
let book: TenantFixture;
let small: TenantFixture;
let scope: TenantScope;

beforeAll(async () => {
  const url = inject('databaseUrl');
  db = createDatabase({ connectionString: url });
  owner = new pg.Client({ connectionString: url });
  await owner.connect();
  [book, small] = await Promise.all([
    createTenantFixture(url, { label: 'search', exposures: 260 }),
    createTenantFixture(url, { label: 'search-small', exposures: SEARCH_SAMPLE_ROWS - 1 }),
  ]);
  scope = { organizationId: book.organizationId, actor: { kind: 'user', userId: book.users.ANALYST.id }, requestId: 'req-search' };
}, 60_000);
afterAll(async () => {
  await owner?.end();
  await db?.close();
});

/** External references of the rows whose three searched fields hold `search` (ILIKE of the whole search). */
async function matching(search: string): Promise<string[]> {
  const { rows } = await owner.query<{ external_id: string }>(
    `SELECT external_id FROM exposures
      WHERE portfolio_id = $1 AND (external_id || E'\\n' || obligor_external_id || E'\\n' || obligor_name) ILIKE $2
      ORDER BY external_id`,
    [book.portfolioId, containsPattern(search)],
  );
  return rows.map((r) => r.external_id);
}

async function found(search: string): Promise<string[]> {
  const page = await listExposures(db, scope, book.portfolioId, { first: 200, filter: { search } });
  if (page.pageInfo.hasNextPage) throw new Error(`search ${search}: more than one page, pick a narrower one`);
  return page.nodes.map((n) => n.externalId).sort();
}

describe('exposure search by words', () => {
  it("names the fixture's tag (in every reference and name) as common, not the row's own words, and nothing in a small book", async () => {
    const common = async (of: TenantFixture, search: string) => {
      const query = commonSearchWordsQuery(of.organizationId, of.portfolioId, search);
      await owner.query('BEGIN');
      try {
        await owner.query(`SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', $1, true)`, [of.organizationId]);
        return new Set((await owner.query<{ w: string }>(query.text, query.values)).rows.map((r) => r.w));
      } finally {
        await owner.query('ROLLBACK');
      }
    };
    const [label, hex] = book.slug.split('-');
    expect(await common(book, `${book.slug.toUpperCase()}-E42 Obligor`)).toEqual(new Set([label, hex, 'obligor'])); // every name is 'Obligor <n> <tag>'
    expect(await common(small, `${small.slug}-E4`)).toEqual(new Set());
  });

  it('finds exactly the rows the whole search matches', async () => {
    const tag = book.slug;
    const searches = [
      `${tag}-E42`, // the tag left to the check, E42 asked of the index: E42 and E420..E429 hold it, only E42 the whole
      `${tag.toUpperCase()}-e4`,
      `Obligor 0042 ${tag}`,
      `obligor 0042`,
      `bligor 004`,
      `${tag} 0042`, // every word in row 42's name, not in this order: no row
      `0042 ${tag}`,
      `${tag}-E1`,
      'E25',
      `${tag}-E2_`,
      '100%',
    ];
    for (const search of searches) expect({ search, rows: await found(search) }).toEqual({ search, rows: await matching(search) });
    expect(await found(`${tag}-E42`)).toEqual([`${tag}-E42`]);
    expect(await found(`${tag} 0042`)).toEqual([]);
    expect((await found(`${tag}-E1`)).length).toBeGreaterThan(100);
  });
});
