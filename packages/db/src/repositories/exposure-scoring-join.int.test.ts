// The grade filter of the exposure table asks for the grade's PD range in the run, and for the grade
// itself only when another grade of the run reaches into that range (a run graded on two versions of
// the master scale): the rows are the grade's either way.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createDatabase, type Database } from '../client.ts';
import { withTenant } from '../tenant.ts';
import type { TenantScope } from '../scope.ts';
import { ensureOrganization, ensurePortfolio } from '../seed/tenants.ts';
import { loadPortfolio } from '../seed/bulk-load.ts';
import { syntheticRows } from '../seed/synthetic-portfolio.ts';
import { insertPlaceholderChampion } from '../testing/placeholder-model.ts';
import { insertSucceededRun } from '../testing/succeeded-run.ts';
import { listExposures } from './exposures.ts';
import { latestScoringJoin } from './exposure-scoring-join.ts';

let db: Database;
let scope: TenantScope;
let portfolioId: string;
// Six exposures: A holds PDs 0.10 and 0.30, B 0.20 (inside A's range), C 0.40, 0.45 and 0.50.
const GRADES = [
  ['A', 0.1],
  ['B', 0.2],
  ['A', 0.3],
  ['C', 0.4],
  ['C', 0.45],
  ['C', 0.5],
] as const;

beforeAll(async () => {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    await client.query('BEGIN');
    const organizationId = await ensureOrganization(client, { name: 'Grade range bank', slug: `grade-range-${Date.now()}` });
    portfolioId = await ensurePortfolio(client, organizationId, { name: 'Grade range book', description: 'grades', baseCurrency: 'EUR' });
    const rows = [...syntheticRows(GRADES.length, { prefix: 'GR-' })];
    await loadPortfolio(
      client,
      organizationId,
      portfolioId,
      rows.map((r) => r.obligor),
      rows.map((r) => r.exposure),
    );
    const versionId = await insertPlaceholderChampion(client, organizationId, 'gr');
    const runId = await insertSucceededRun(client, { organizationId, portfolioId, versionId, scoredCount: GRADES.length });
    await client.query(
      `INSERT INTO scores (run_id, exposure_id, organization_id, obligor_id, input_hash, pd, grade, reason_codes, reason_values)
       SELECT $1, e.id, e.organization_id, e.obligor_id, decode(repeat('c', 64), 'hex'), g.pd, g.grade, '{}', '{}'
         FROM exposures e JOIN unnest($3::text[], $4::float8[]) WITH ORDINALITY g(grade, pd, n) ON e.external_id = 'GR-SC-' || g.n
        WHERE e.portfolio_id = $2`,
      [runId, portfolioId, GRADES.map((g) => g[0]), GRADES.map((g) => g[1])],
    );
    await client.query('SELECT probity_record_run_grades($1::uuid)', [runId]);
    await client.query('COMMIT');
    scope = { organizationId, actor: { kind: 'system', name: 'grade-range-test' }, requestId: 'grade-range-test' };
  } finally {
    await client.end();
  }
  db = createDatabase({ connectionString: inject('databaseUrl') });
});
afterAll(async () => db?.close());

const joinFor = (grade: string) => withTenant(db, scope, (tx) => latestScoringJoin(tx, scope.organizationId, portfolioId, grade));
const referencesOf = async (grade: string) =>
  (await listExposures(db, scope, portfolioId, { first: 10, filter: { grade }, orderBy: { field: 'PD', direction: 'ASC' } })).nodes.map(
    (n) => n.externalId,
  );

describe('grade filter', () => {
  it('says whether another grade reaches into the grade’s PD range', async () => {
    expect((await joinFor('A'))?.gradeRange).toEqual({ minPd: 0.1, maxPd: 0.3, exclusive: false });
    expect((await joinFor('B'))?.gradeRange).toEqual({ minPd: 0.2, maxPd: 0.2, exclusive: false });
    expect((await joinFor('C'))?.gradeRange).toEqual({ minPd: 0.4, maxPd: 0.5, exclusive: true });
    expect((await joinFor('Z'))?.gradeRange).toBeNull();
  });

  it('lists the grade’s exposures alone, whether or not its range is shared', async () => {
    expect(await referencesOf('A')).toEqual(['GR-SC-1', 'GR-SC-3']);
    expect(await referencesOf('B')).toEqual(['GR-SC-2']);
    expect(await referencesOf('C')).toEqual(['GR-SC-4', 'GR-SC-5', 'GR-SC-6']);
    expect(await referencesOf('Z')).toEqual([]);
  });
});
