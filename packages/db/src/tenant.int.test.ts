// The database-level half of tenant isolation: the probity_app role sees only the organization set
// for the transaction, and nothing at all without one.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { createTenantFixture, type TenantFixture } from './testing/tenant-fixture.ts';

const TABLES = [
  'organizations',
  'users',
  'memberships',
  'api_keys',
  'portfolios',
  'obligors',
  'exposures',
  'portfolio_snapshots',
  'audit_logs',
  'what_if_scenarios',
];

describe('row-level security', () => {
  let client: pg.Client;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    const url = inject('databaseUrl');
    [a, b] = await Promise.all([createTenantFixture(url, { label: 'rls-a' }), createTenantFixture(url, { label: 'rls-b' })]);
    client = new pg.Client({ connectionString: url });
    await client.connect();
    // One snapshot, API key, audit row and saved what-if per tenant so every table has rows to hide.
    for (const t of [a, b]) {
      await client.query(
        `INSERT INTO portfolio_snapshots (id, organization_id, portfolio_id, as_of, exposure_count, obligor_count, total_ead, total_limit, total_loss_given_default, defaulted_count, defaulted_ead)
                          VALUES (gen_random_uuid(), $1, $2, '2026-01-01', 1, 1, 1, 1, 1, 0, 0)`,
        [t.organizationId, t.portfolioId],
      );
      await client.query(
        `INSERT INTO api_keys (id, organization_id, name, scopes, prefix, secret_hash) VALUES (gen_random_uuid(), $1, 'k', '{READ}', $2, 'x')`,
        [t.organizationId, `pb_${t.slug}`],
      );
      await client.query(
        `INSERT INTO audit_logs (id, organization_id, action, entity_type, entity_id) VALUES (gen_random_uuid(), $1, 'test', 'Test', 'x')`,
        [t.organizationId],
      );
      await client.query(
        `INSERT INTO what_if_scenarios (id, organization_id, obligor_id, name, changes, result, as_of)
         SELECT gen_random_uuid(), $1, id, 'rls', '[]', '[]', '2026-01-01' FROM obligors WHERE organization_id = $1 LIMIT 1`,
        [t.organizationId],
      );
    }
  });
  afterAll(async () => client.end());

  async function asTenant<T>(org: string | null, work: () => Promise<T>): Promise<T> {
    await client.query('BEGIN');
    try {
      await client.query(`SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', $1, true)`, [org ?? '']);
      return await work();
    } finally {
      await client.query('ROLLBACK');
    }
  }

  const count = async (table: string, org: string | null = null) => {
    const where = org ? ` WHERE ${table === 'organizations' ? 'id' : 'organization_id'} = '${org}'` : '';
    return Number((await client.query<{ count: string }>(`SELECT count(*) FROM ${table}${table === 'users' ? '' : where}`)).rows[0]?.count);
  };

  it('shows nothing on any tenant table when no organization is set', async () => {
    await asTenant(null, async () => {
      for (const table of TABLES) expect(await count(table), table).toBe(0);
    });
  });

  it('shows nothing when an unknown organization is set', async () => {
    await asTenant('00000000-0000-4000-8000-000000000000', async () => {
      for (const table of TABLES) expect(await count(table), table).toBe(0);
    });
  });

  it('shows exactly the current organization rows, never the other one, even without a WHERE clause', async () => {
    await asTenant(a.organizationId, async () => {
      for (const table of TABLES) {
        expect(await count(table), table).toBeGreaterThan(0);
        if (table !== 'users') expect(await count(table, b.organizationId), table).toBe(0);
      }
      const visibleUsers = (await client.query<{ email: string }>('SELECT email FROM users')).rows.map((r) => r.email);
      expect(visibleUsers.every((e) => e.includes(a.slug))).toBe(true);
      expect(visibleUsers).toHaveLength(4);
    });
  });

  it('refuses writes into another organization and keeps the audit trail append-only', async () => {
    await asTenant(a.organizationId, async () => {
      await client.query('SAVEPOINT s');
      await expect(
        client.query(`INSERT INTO portfolios (id, organization_id, name, updated_at) VALUES (gen_random_uuid(), $1, 'sneaky', now())`, [
          b.organizationId,
        ]),
      ).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK TO SAVEPOINT s');
      const updated = await client.query(`UPDATE exposures SET ead = 0 WHERE organization_id = $1`, [b.organizationId]);
      expect(updated.rowCount).toBe(0);
      await expect(client.query(`DELETE FROM audit_logs`)).rejects.toThrow(/permission denied/);
    });
  });

  it('cannot read sign-in attempts or the migration history', async () => {
    await asTenant(a.organizationId, async () => {
      await client.query('SAVEPOINT s');
      await expect(client.query('SELECT * FROM login_attempts')).rejects.toThrow(/permission denied/);
      await client.query('ROLLBACK TO SAVEPOINT s');
      await expect(client.query('SELECT * FROM _prisma_migrations')).rejects.toThrow(/permission denied/);
    });
  });
});
