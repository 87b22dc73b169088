// A tenant transaction costs three round trips (BEGIN with the settings, the query, COMMIT), and the
// settings it carries are really in force: role probity_app and the caller's organization.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, prismaOf, type Database } from './client.ts';
import { withTenant } from './tenant.ts';
import { tenantRead } from './tenant-read.ts';
import { createTenantFixture, type TenantFixture } from './testing/tenant-fixture.ts';

describe('withTenant round trips', () => {
  const statements: string[] = [];
  let db: Database;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    const url = inject('databaseUrl');
    [a, b] = await Promise.all([createTenantFixture(url, { label: 'rt-a' }), createTenantFixture(url, { label: 'rt-b' })]);
    db = createDatabase({ connectionString: url, poolSize: 3, onStatement: (sql) => statements.push(sql) });
  });
  afterAll(async () => db.close());

  it('sends the role and organization with BEGIN, then the query, then COMMIT', async () => {
    statements.length = 0;
    const settings = await withTenant(
      db,
      a,
      (tx) => tx.$queryRaw<{ role: string; org: string }[]>`SELECT current_user AS role, current_setting('probity.org_id', true) AS org`,
    );
    expect(settings).toEqual([{ role: 'probity_app', org: a.organizationId }]);
    expect(statements).toHaveLength(3);
    expect(statements[0]).toMatch(
      /^BEGIN; SELECT set_config\('role', 'probity_app', true\), set_config\('probity.org_id', '[0-9a-f-]{36}', true\)$/,
    );
    expect(statements[2]).toBe('COMMIT');
  });

  it('keeps concurrent tenants apart and leaves no setting on the pooled connection', async () => {
    const orgsSeen = await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const tenant = i % 2 === 0 ? a : b;
        return withTenant(db, tenant, async (tx) => {
          const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM organizations`;
          return { expected: tenant.organizationId, seen: rows.map((r) => r.id) };
        });
      }),
    );
    for (const { expected, seen } of orgsSeen) expect(seen).toEqual([expected]);
    // Outside a tenant transaction the same pooled connections are the owner again, with no organization.
    const rows = await prismaOf(db).$queryRaw<
      { role: string; org: string | null }[]
    >`SELECT current_user AS role, nullif(current_setting('probity.org_id', true), '') AS org`;
    expect(rows[0]?.role).not.toBe('probity_app');
    expect(rows[0]?.org).toBeNull();
  });

  it('a transaction nested inside a tenant transaction does not take the tenant settings', async () => {
    const inner = await withTenant(db, a, async () =>
      prismaOf(db).$transaction(async (tx) => tx.$queryRaw<{ role: string }[]>`SELECT current_user AS role`),
    );
    expect(inner[0]?.role).not.toBe('probity_app');
  });
});

describe('tenantRead', () => {
  const statements: string[] = [];
  let db: Database;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    const url = inject('databaseUrl');
    [a, b] = await Promise.all([createTenantFixture(url, { label: 'tr-a' }), createTenantFixture(url, { label: 'tr-b' })]);
    db = createDatabase({ connectionString: url, poolSize: 2, onStatement: (sql) => statements.push(sql) });
  });
  afterAll(async () => db.close());

  it('reads in one round trip as probity_app with the organization set, so RLS hides other tenants even without a WHERE', async () => {
    statements.length = 0;
    const rows = await tenantRead<{ id: string; role: string }>(db, a, () => 'SELECT id::text, current_user AS role FROM portfolios');
    expect(statements).toHaveLength(1);
    expect(rows).toEqual([{ id: a.portfolioId, role: 'probity_app' }]);
    expect(rows.map((r) => r.id)).not.toContain(b.portfolioId);
  });

  it('quotes literals, and leaves a clean connection behind after an error', async () => {
    const rows = await tenantRead<{ v: string }>(db, a, (literal) => `SELECT ${literal("it's; DROP TABLE portfolios; --")} AS v`);
    expect(rows).toEqual([{ v: "it's; DROP TABLE portfolios; --" }]);
    await expect(tenantRead(db, a, () => 'SELECT 1/0')).rejects.toThrow(/division by zero/);
    await expect(tenantRead(db, a, () => 'SELECT 1/0')).rejects.toThrow(/division by zero/);
    // Both pooled connections are usable again, outside any transaction and as the owner.
    const after = await Promise.all([0, 1].map(() => prismaOf(db).$queryRaw<{ role: string }[]>`SELECT current_user AS role`));
    for (const [row] of after) expect(row?.role).not.toBe('probity_app');
  });

  it('refuses writes (the transaction is read-only)', async () => {
    await expect(tenantRead(db, a, () => `UPDATE portfolios SET name = 'x'`)).rejects.toThrow(/read-only transaction/);
  });
});
