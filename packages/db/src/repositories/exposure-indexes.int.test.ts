// Guards the exposure table's indexes: each query the repositories run is EXPLAINed (as the tenant
// role, through the same SQL builders) on a 20,000-exposure portfolio with fresh statistics, and must
// be served by its index: a sorted page walks its sort index (no Sort node over the portfolio), a
// cursor is an index condition, search uses the trigram index, selective filters the GIN index.
// A query change that loses an index fails here, whatever the timings say.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createDatabase, type Database } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { withTenant } from '../tenant.ts';
import type { TenantScope } from '../scope.ts';
import { encodeCursor, resolvePage } from '../pagination.ts';
import { ensureOrganization, ensurePortfolio } from '../seed/tenants.ts';
import { loadPortfolio } from '../seed/bulk-load.ts';
import { syntheticRows } from '../seed/synthetic-portfolio.ts';
import { exposurePageQuery, listExposures, type ListExposuresArgs } from './exposures.ts';
import { EXPOSURE_SORT_FIELDS, type ExposureSortField } from './exposure-query.ts';
import { obligorPagesQuery } from './obligor-exposures.ts';

const SIZE = 20_000;
let db: Database;
let scope: TenantScope;
let portfolioId: string;

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
    await client.query('COMMIT');
    await client.query('ANALYZE obligors, exposures');
    scope = { organizationId, actor: { kind: 'system', name: 'index-test' }, requestId: 'index-test' };
  } finally {
    await client.end();
  }
  db = createDatabase({ connectionString: url });
}, 180_000);
afterAll(async () => db?.close());

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Scan Direction'?: string;
  Plans?: PlanNode[];
}

/** The plan's nodes, depth first. `seqScan: false` prices sequential scans out (as at a million rows). */
async function planOf(sql: Prisma.Sql, options: { seqScan?: boolean } = {}): Promise<PlanNode[]> {
  const [row] = await withTenant(db, scope, async (tx) => {
    if (options.seqScan === false) await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
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

const pagePlan = (args: ListExposuresArgs, options: { seqScan?: boolean } = {}) =>
  planOf(exposurePageQuery(scope, portfolioId, args).sql, options);
const nodeTypes = (nodes: PlanNode[]) => nodes.map((n) => `${n['Node Type']}${n['Index Name'] ? ` on ${n['Index Name']}` : ''}`);

const SORT_INDEX: Record<ExposureSortField, string> = {
  EAD: 'exposures_portfolio_id_ead_id_idx',
  LIMIT: 'exposures_portfolio_id_limit_id_idx',
  LGD: 'exposures_portfolio_id_lgd_id_idx',
  DAYS_PAST_DUE: 'exposures_portfolio_id_days_past_due_id_idx',
  MATURITY_DATE: 'exposures_portfolio_maturity_sort_idx',
  EXTERNAL_ID: 'exposures_portfolio_id_external_id_id_idx',
  OBLIGOR_NAME: 'exposures_portfolio_id_obligor_name_id_idx',
  UPDATED_AT: 'exposures_portfolio_id_updated_at_id_idx',
};

describe('exposure table plans', () => {
  it('has an index for every sort field', () => {
    expect(Object.keys(SORT_INDEX).sort()).toEqual([...EXPOSURE_SORT_FIELDS].sort());
  });

  describe.each(EXPOSURE_SORT_FIELDS)('sorted by %s', (field) => {
    it.each(['ASC', 'DESC'] as const)('%s: walks the sort index, sorts nothing, and a cursor is an index condition', async (direction) => {
      const first = await pagePlan({ first: 25, orderBy: { field, direction } });
      expect(nodeTypes(first)).not.toContain('Sort');
      const indexes = field === 'EXTERNAL_ID' ? [SORT_INDEX[field], 'exposures_organization_id_external_id_key'] : [SORT_INDEX[field]];
      expect(
        first.some((n) => n['Node Type'] === 'Index Scan' && indexes.includes(n['Index Name'] ?? '')),
        nodeTypes(first).join(' / '),
      ).toBe(true);

      // Any cursor: the keyset must be an index condition, so a page 1,000 pages deep costs what page 1 does.
      const deep = await listExposures(db, scope, portfolioId, { first: 1, orderBy: { field, direction } });
      const cursor = deep.pageInfo.endCursor!;
      const later = await pagePlan({ first: 25, after: cursor, orderBy: { field, direction } });
      const scan = later.find((n) => indexes.includes(n['Index Name'] ?? ''));
      expect(nodeTypes(later)).not.toContain('Sort');
      // (key, id) > (…) as a row comparison; a unique key (the facility reference) alone.
      expect(scan?.['Index Cond']).toMatch(field === 'EXTERNAL_ID' ? /external_id [<>]/ : /ROW\(/);
    });
  });

  it('searches through the trigram index', async () => {
    const nodes = await pagePlan({ first: 25, filter: { search: 'SC-1234' } });
    expect(nodeTypes(nodes)).toContain('Bitmap Index Scan on exposures_search_trgm_idx');
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

  it('pages an obligor through (obligor_id, ead, id)', async () => {
    const [row] = (await listExposures(db, scope, portfolioId, { first: 1 })).nodes;
    const page = resolvePage({ first: 25, after: encodeCursor({ v: row!.ead, id: row!.id }) });
    const nodes = await planOf(obligorPagesQuery(scope.organizationId, [row!.obligorId], page));
    const scan = nodes.find((n) => n['Index Name'] === 'exposures_obligor_id_ead_id_idx');
    expect(scan?.['Index Cond']).toMatch(/ROW\(/);
  });
});
