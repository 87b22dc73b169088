// Guards the exposure table's indexes: each query the repositories run is EXPLAINed (as the tenant
// role, through the same SQL builders) on a 20,000-exposure portfolio with fresh statistics, and must
// be served by its index: a sorted page walks its sort index (no Sort node over the portfolio), a
// cursor is an index condition, search uses the trigram index, selective filters the GIN index.
// A query change that loses an index fails here, whatever the timings say. The portfolio carries a
// succeeded scoring run, so the PD order (its partition's scores (pd, exposure_id)) is guarded the same way.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createDatabase, type Database } from '../client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { withTenant } from '../tenant.ts';
import type { TenantScope } from '../scope.ts';
import { encodeCursor, resolvePage } from '../pagination.ts';
import { ensureOrganization, ensurePortfolio } from '../seed/tenants.ts';
import { loadPortfolio } from '../seed/bulk-load.ts';
import { syntheticRows } from '../seed/synthetic-portfolio.ts';
import { insertPlaceholderChampion } from '../testing/placeholder-model.ts';
import { insertSucceededRun } from '../testing/succeeded-run.ts';
import { exposurePageQuery, listExposures, type ListExposuresArgs, type ScoringJoin } from './exposures.ts';
import { EXPOSURE_SORT_FIELDS, type ExposureSortField } from './exposure-query.ts';
import { obligorPagesQuery } from './obligor-exposures.ts';
import { topObligorsQuery } from './portfolios.ts';

const SIZE = 20_000;
const OTHER_BOOK = 5_000;
let db: Database;
let scope: TenantScope;
let portfolioId: string;
let join: ScoringJoin;

beforeAll(async () => {
  const url = inject('databaseUrl');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const organizationId = await ensureOrganization(client, { name: 'Index guard bank', slug: `index-guard-${Date.now()}` });
    portfolioId = await ensurePortfolio(client, organizationId, { name: 'Index guard book', description: 'plans', baseCurrency: 'EUR' });
    const rows = [...syntheticRows(SIZE, { prefix: 'IG-' })];
    await loadPortfolio(
      client,
      organizationId,
      portfolioId,
      rows.map((r) => r.obligor),
      rows.map((r) => r.exposure),
    );
    // Another book of the organization whose references sort before this one's: a facility-reference
    // page that walked the organization's unique (organization_id, external_id) index would pass them.
    const otherBook = await ensurePortfolio(client, organizationId, {
      name: 'Index guard other book',
      description: 'plans',
      baseCurrency: 'EUR',
    });
    const others = [...syntheticRows(OTHER_BOOK, { prefix: 'AA-' })];
    await loadPortfolio(
      client,
      organizationId,
      otherBook,
      others.map((r) => r.obligor),
      others.map((r) => r.exposure),
    );
    // One exposure in fifty moved onto the obligor of the one before: obligors with two exposures,
    // which the largest-obligors list reads from portfolio_obligor_figures (the others have no row there).
    await client.query(
      `UPDATE exposures x SET obligor_id = p.obligor_id
         FROM exposures p
        WHERE x.portfolio_id = $1 AND p.portfolio_id = $1 AND substr(x.external_id, 7)::int % 50 = 0
          AND p.external_id = 'IG-SC-' || (substr(x.external_id, 7)::int - 1)`,
      [portfolioId],
    );
    const runId = await scoredRun(client, organizationId, portfolioId);
    await client.query('COMMIT');
    await client.query('ANALYZE obligors, exposures, portfolio_obligor_figures, scores');
    join = { runId, scoredCount: SIZE };
    scope = { organizationId, actor: { kind: 'system', name: 'index-test' }, requestId: 'index-test' };
  } finally {
    await client.end();
  }
  db = createDatabase({ connectionString: url });
}, 180_000);
afterAll(async () => db?.close());

// A succeeded run over every exposure: PDs spread over (0, 0.3) with ties (rounded to 4 places),
// graded in bands of 0.05, and its figures per grade recorded as a real run's last batch does.
async function scoredRun(client: pg.Client, organizationId: string, portfolioId: string): Promise<string> {
  const versionId = await insertPlaceholderChampion(client, organizationId, 'ig');
  const runId = await insertSucceededRun(client, { organizationId, portfolioId, versionId, scoredCount: SIZE, asOf: '2026-10-31' });
  await client.query(
    `INSERT INTO scores (run_id, exposure_id, organization_id, obligor_id, input_hash, pd, grade, reason_codes, reason_values)
     SELECT $1, e.id, e.organization_id, e.obligor_id, decode(repeat('c', 64), 'hex'), t.pd, 'G' || (floor(t.pd / 0.05)::int + 1), '{}', '{}'
       FROM exposures e, LATERAL (SELECT round(((hashtext(e.external_id)::bigint + 2147483648) % 3000)::numeric / 10000, 4)::float8 AS pd) t
      WHERE e.portfolio_id = $2`,
    [runId, portfolioId],
  );
  await client.query('SELECT probity_record_run_grades($1::uuid)', [runId]);
  return runId;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Scan Direction'?: string;
  Plans?: PlanNode[];
}

/**
 * The plan's nodes, depth first. `seqScan: false` prices sequential scans out (as at a million rows);
 * `indexScan: false` prices out walking an index in order (bitmap scans stay allowed).
 */
async function planOf(sql: Prisma.Sql, options: { seqScan?: boolean; indexScan?: boolean } = {}): Promise<PlanNode[]> {
  const [row] = await withTenant(db, scope, async (tx) => {
    if (options.seqScan === false) await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
    if (options.indexScan === false) await tx.$executeRaw`SET LOCAL enable_indexscan = off`;
    return tx.$queryRaw<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>`EXPLAIN (FORMAT JSON) ${sql}`;
  });
  const nodes: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node);
    node.Plans?.forEach(walk);
  };
  walk(row!['QUERY PLAN'][0].Plan);
  return nodes;
}

const pagePlan = (args: ListExposuresArgs, options: { seqScan?: boolean; indexScan?: boolean } = {}) =>
  planOf(exposurePageQuery(scope, portfolioId, args, join).sql, options);
const nodeTypes = (nodes: PlanNode[]) => nodes.map((n) => `${n['Node Type']}${n['Index Name'] ? ` on ${n['Index Name']}` : ''}`);

const SORT_INDEX: Record<ExposureSortField, string> = {
  EAD: 'exposures_portfolio_ead_cents_idx',
  LIMIT: 'exposures_portfolio_limit_cents_idx',
  LGD: 'exposures_portfolio_lgd_units_idx',
  DAYS_PAST_DUE: 'exposures_portfolio_id_days_past_due_id_idx',
  MATURITY_DATE: 'exposures_portfolio_maturity_sort_idx',
  EXTERNAL_ID: 'exposures_portfolio_external_id_sort_idx',
  OBLIGOR_NAME: 'exposures_portfolio_id_obligor_name_id_idx',
  UPDATED_AT: 'exposures_portfolio_id_updated_at_id_idx',
  PD: 'scores_pd_exposure_id_idx',
};

/** The index a plan names: a run's scores are its own partition, whose copy of the PD index is named after the run. */
const indexName = (node: PlanNode) =>
  node['Index Name']?.endsWith('_pd_exposure_id_idx') && node['Index Name'].startsWith('r_') ? SORT_INDEX.PD : node['Index Name'];

describe('exposure table plans', () => {
  it('has an index for every sort field', () => {
    expect(Object.keys(SORT_INDEX).sort()).toEqual([...EXPOSURE_SORT_FIELDS].sort());
  });

  describe.each(EXPOSURE_SORT_FIELDS)('sorted by %s', (field) => {
    it.each(['ASC', 'DESC'] as const)('%s: walks the sort index, sorts nothing, and a cursor is an index condition', async (direction) => {
      const first = await pagePlan({ first: 25, orderBy: { field, direction } });
      expect(nodeTypes(first)).not.toContain('Sort');
      expect(nodeTypes(first)).not.toContain('Incremental Sort');
      expect(
        first.some((n) => n['Node Type'] === 'Index Scan' && indexName(n) === SORT_INDEX[field]),
        nodeTypes(first).join(' / '),
      ).toBe(true);

      // Any cursor: the keyset must be an index condition, so a page 1,000 pages deep costs what page 1 does.
      const deep = await listExposures(db, scope, portfolioId, { first: 1, orderBy: { field, direction } });
      const cursor = deep.pageInfo.endCursor!;
      const later = await pagePlan({ first: 25, after: cursor, orderBy: { field, direction } });
      const scan = later.find((n) => indexName(n) === SORT_INDEX[field]);
      expect(nodeTypes(later)).not.toContain('Sort');
      expect(nodeTypes(later)).not.toContain('Incremental Sort');
      // (key, id) > (…) as a row comparison.
      expect(scan?.['Index Cond'], nodeTypes(later).join(' / ')).toMatch(/ROW\(/);
    });
  });

  it('pages by PD in the order of the scores, and narrows a grade to its PD range in the same index', async () => {
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    const expected = (
      await client.query<{ id: string; pd: number }>(
        `SELECT s.exposure_id AS id, s.pd FROM scores s WHERE s.run_id = $1 AND s.grade = 'G3' ORDER BY s.pd DESC, s.exposure_id DESC`,
        [join.runId],
      )
    ).rows;
    const range = (
      await client.query<{ min_pd: number; max_pd: number; exposure_count: number }>(
        `SELECT min_pd, max_pd, exposure_count FROM scoring_run_grades WHERE run_id = $1 AND grade = 'G3'`,
        [join.runId],
      )
    ).rows[0]!;
    await client.end();
    expect(range.exposure_count).toBe(expected.length);
    const withGrade = { ...join, gradeRange: { minPd: range.min_pd, maxPd: range.max_pd } };
    const plan = await planOf(
      exposurePageQuery(scope, portfolioId, { first: 25, filter: { grade: 'G3' }, orderBy: { field: 'PD', direction: 'DESC' } }, withGrade)
        .sql,
    );
    const scan = plan.find((n) => indexName(n) === SORT_INDEX.PD);
    expect(nodeTypes(plan)).not.toContain('Sort');
    expect(scan?.['Index Cond']).toMatch(/pd >=/);

    // Three pages deep through ties: the same rows, in the same order, as the scores give them.
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 3; i += 1) {
      const page = await listExposures(db, scope, portfolioId, {
        first: 100,
        after,
        filter: { grade: 'G3' },
        orderBy: { field: 'PD', direction: 'DESC' },
      });
      seen.push(...page.nodes.map((n) => n.id));
      expect(page.totalCount).toBe(expected.length);
      after = page.pageInfo.endCursor!;
    }
    expect(seen).toEqual(expected.slice(0, 300).map((r) => r.id));
    await expect(listExposures(db, scope, portfolioId, { first: 5, filter: { minPd: 2 } })).rejects.toThrow(
      'filter.minPd: must be a PD in [0, 1], got 2',
    );
  });

  // At 20,000 rows shared with other test files, the sampled statistics sometimes rate the search as
  // common enough to walk the EAD sort index and filter (a CI run did); at a million rows a rare match
  // prices that out. Pricing out sequential and in-order index scans here asks only what the guard
  // asks: can the search's condition use the trigram index at all.
  it('searches through the trigram index', async () => {
    const nodes = await pagePlan({ first: 25, filter: { search: 'SC-1234' } }, { seqScan: false, indexScan: false });
    expect(nodeTypes(nodes)).toContain('Bitmap Index Scan on exposures_search_trgm_idx');
    // Split by words (exposure-search.ts: every reference here shares `IG-SC-`): the index is asked for
    // the distinctive word alone, and the prefix is left to the check.
    const split = await planOf(
      exposurePageQuery(scope, portfolioId, { first: 25, filter: { search: 'IG-SC-1234' } }, join, new Set(['ig', 'sc'])).sql,
      { seqScan: false, indexScan: false },
    );
    const trigram = split.filter((n) => n['Index Name'] === 'exposures_search_trgm_idx');
    expect(trigram.map((n) => n['Node Type'])).toEqual(['Bitmap Index Scan']);
    expect(trigram[0]!['Index Cond']).toContain('%1234%');
    expect(trigram[0]!['Index Cond']).not.toMatch(/IG-SC/i);
    const found = await listExposures(db, scope, portfolioId, { first: 25, filter: { search: 'ig-sc-1234' } });
    expect(found.nodes.map((n) => n.externalId).sort()).toEqual(
      ['IG-SC-1234', ...Array.from({ length: 10 }, (_, i) => `IG-SC-1234${i}`)].sort(),
    );
  });

  // At 20,000 rows reading the whole table is cheaper than any index, so sequential scans are priced
  // out here, as a million rows price them out in production: the GIN index must then serve.
  it('narrows selective filters with the GIN filter index, in any combination', async () => {
    for (const filter of [
      { status: 'CLOSED' as const, country: 'LU' },
      { segment: 'CORPORATE' as const, currency: 'CHF', sector: 'Energy' },
    ]) {
      const nodes = await pagePlan({ first: 25, filter }, { seqScan: false });
      expect(nodeTypes(nodes).join(' / ')).toContain('Bitmap Index Scan on exposures_filters_gin_idx');
    }
  });

  // A page sorted by PD joins the run's scores; read under row-level security they took these indexes
  // from the exposures (migration tenant_scores_view): a search sorted by PD read the whole portfolio.
  it('keeps the trigram and GIN filter indexes when the page sorts by PD', async () => {
    const byPd = { field: 'PD', direction: 'DESC' } as const;
    const options = { seqScan: false, indexScan: false };
    const search = await pagePlan({ first: 25, filter: { search: 'SC-1234' }, orderBy: byPd }, options);
    expect(nodeTypes(search)).toContain('Bitmap Index Scan on exposures_search_trgm_idx');
    const filters = await pagePlan({ first: 25, filter: { status: 'CLOSED', country: 'LU' }, orderBy: byPd }, options);
    expect(nodeTypes(filters)).toContain('Bitmap Index Scan on exposures_filters_gin_idx');
  });

  // listExposures finds a filter's matches first when the planner expects few of them in a portfolio
  // over 100,000 (matchesFirstPays); here the shape is asked for directly. The same rows in the same
  // order as the walk, page after page through ties, and a plan that narrows by the filter's index.
  it("finds a selective filter's matches first when asked, with the same pages as the walk", async () => {
    const filter = { status: 'DEFAULTED' as const, currency: 'CHF' };
    const rowsOf = (args: ListExposuresArgs, matchesFirst: boolean) =>
      withTenant(db, scope, (tx) =>
        tx.$queryRaw<{ id: string; k?: number }[]>(exposurePageQuery(scope, portfolioId, args, join, new Set(), { matchesFirst }).sql),
      );
    const orders = [
      { field: 'PD', direction: 'DESC' },
      { field: 'PD', direction: 'ASC' },
      { field: 'EAD', direction: 'DESC' },
      { field: 'OBLIGOR_NAME', direction: 'ASC' },
    ] as const;
    for (const orderBy of orders) {
      const walked = await rowsOf({ first: 200, filter, orderBy }, false);
      expect(walked.length).toBeGreaterThan(50);
      expect(walked.length).toBeLessThan(200);
      expect(await rowsOf({ first: 200, filter, orderBy }, true)).toEqual(walked);
    }
    const byPd = { field: 'PD', direction: 'DESC' } as const;
    const walked = await rowsOf({ first: 200, filter, orderBy: byPd }, false);
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 3; i += 1) {
      const page = (await rowsOf({ first: 20, after, filter, orderBy: byPd }, true)).slice(0, 20);
      seen.push(...page.map((r) => r.id));
      after = encodeCursor({ v: page.at(-1)!.k!, id: page.at(-1)!.id });
    }
    expect(seen).toEqual(walked.slice(0, 60).map((r) => r.id));

    // At 20,000 rows the planner may take this plan for either shape; at 5,000,000 it walked the PD
    // index for the usual one (npm run bench -w @probity/db -- --size 5000000).
    const plan = await planOf(
      exposurePageQuery(scope, portfolioId, { first: 25, filter: { status: 'CLOSED', country: 'LU' }, orderBy: byPd }, join, new Set(), {
        matchesFirst: true,
      }).sql,
      { seqScan: false },
    );
    expect(nodeTypes(plan)).toContain('Bitmap Index Scan on exposures_filters_gin_idx');
    expect(plan.some((n) => indexName(n) === SORT_INDEX.PD)).toBe(false);
  });

  it('narrows an EAD range in the EAD index, exactly at its bounds', async () => {
    const nodes = await pagePlan({ first: 25, filter: { minEad: '100000', maxEad: '250000.5' } });
    const scan = nodes.find((n) => n['Index Name'] === SORT_INDEX.EAD);
    expect(nodeTypes(nodes)).not.toContain('Sort');
    expect(scan?.['Index Cond'], nodeTypes(nodes).join(' / ')).toMatch(/>=.*<=|<=.*>=/);

    // A bound equal to a stored EAD keeps that row; a cent above (or below) drops it.
    const [row] = (await listExposures(db, scope, portfolioId, { first: 1, orderBy: { field: 'EAD', direction: 'DESC' } })).nodes;
    const ead = row!.ead;
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    const count = async (sql: string) =>
      Number(
        (await client.query<{ n: string }>(`SELECT count(*) AS n FROM exposures WHERE portfolio_id = $1 AND ${sql}`, [portfolioId, ead]))
          .rows[0]!.n,
      );
    const [atLeast, atMost, above] = [
      await count('ead >= $2::numeric'),
      await count('ead <= $2::numeric'),
      await count('ead > $2::numeric'),
    ];
    await client.end();
    const total = async (filter: { minEad?: string; maxEad?: string }) =>
      (await listExposures(db, scope, portfolioId, { first: 1, filter })).totalCount;
    expect(await total({ minEad: ead })).toBe(atLeast);
    expect(await total({ maxEad: ead })).toBe(atMost);
    expect(await total({ minEad: new Prisma.Decimal(ead).plus('0.01').toFixed(2) })).toBe(above);
    expect(await total({ minEad: ead, maxEad: ead })).toBe(atLeast + atMost - SIZE);
  });

  it("takes the largest obligors from the top index and the exposures' EAD index, sorting nothing below their limits", async () => {
    const owner = new pg.Client({ connectionString: inject('databaseUrl') });
    await owner.connect();
    const { rows } = await owner
      .query<{ n: string }>('SELECT count(*) AS n FROM portfolio_obligor_figures WHERE portfolio_id = $1', [portfolioId])
      .finally(() => owner.end());
    expect(Number(rows[0]!.n)).toBe(Math.floor(SIZE / 50));
    const nodes = await planOf(topObligorsQuery(scope.organizationId, portfolioId, 10));
    // The path from the root to the named index's scan: a Limit on it, and no Sort between the two.
    const pathTo = (node: PlanNode, index: string): PlanNode[] | null => {
      if (node['Index Name'] === index) return [node];
      for (const child of node.Plans ?? []) {
        const below = pathTo(child, index);
        if (below) return [node, ...below];
      }
      return null;
    };
    for (const index of ['portfolio_obligor_figures_top_idx', 'exposures_portfolio_ead_cents_idx']) {
      const path = pathTo(nodes[0]!, index);
      expect(path, `${index} in ${nodeTypes(nodes).join(' / ')}`).not.toBeNull();
      const belowLimit = path!.slice(path!.map((n) => n['Node Type']).lastIndexOf('Limit'));
      expect(belowLimit[0]?.['Node Type']).toBe('Limit');
      expect(belowLimit.map((n) => n['Node Type']).filter((t) => t.includes('Sort'))).toEqual([]);
    }
  });

  it('pages an obligor through (obligor_id, EAD in cents, id)', async () => {
    const [row] = (await listExposures(db, scope, portfolioId, { first: 1 })).nodes;
    const page = resolvePage({ first: 25, after: encodeCursor({ v: row!.ead, id: row!.id }) });
    const nodes = await planOf(obligorPagesQuery(scope.organizationId, [row!.obligorId], page));
    const scan = nodes.find((n) => n['Index Name'] === 'exposures_obligor_ead_cents_idx');
    expect(scan?.['Index Cond']).toMatch(/ROW\(/);
  });
});
