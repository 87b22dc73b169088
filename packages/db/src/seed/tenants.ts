// Idempotent creation of organizations, users and memberships (system access). Used by the demo seed
// and by tests that need a second tenant.
import { hashPassword, type Role } from '@probity/auth';
import type pg from 'pg';

export async function ensureOrganization(client: pg.ClientBase, org: { name: string; slug: string }): Promise<string> {
  const result = await client.query<{ id: string }>(
    `INSERT INTO organizations (id, name, slug, updated_at) VALUES (gen_random_uuid(), $1, $2, now())
     ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id`,
    [org.name, org.slug],
  );
  return result.rows[0]!.id;
}

/** Creates the user when the e-mail is new (an existing user's password is left alone). */
export async function ensureUser(client: pg.ClientBase, user: { email: string; name: string; password: string }): Promise<string> {
  const email = user.email.trim().toLowerCase();
  const existing = await client.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  if (existing.rows[0]) return existing.rows[0].id;
  const result = await client.query<{ id: string }>(
    `INSERT INTO users (id, email, password_hash, name, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, now())
     ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
    [email, await hashPassword(user.password), user.name],
  );
  return result.rows[0]!.id;
}

export async function ensureMembership(client: pg.ClientBase, userId: string, organizationId: string, role: Role): Promise<void> {
  await client.query(
    `INSERT INTO memberships (id, organization_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, $3::"Role")
     ON CONFLICT (user_id, organization_id) DO NOTHING`,
    [organizationId, userId, role],
  );
}

export async function ensurePortfolio(
  client: pg.ClientBase,
  organizationId: string,
  portfolio: { name: string; description: string; baseCurrency: string },
): Promise<string> {
  const result = await client.query<{ id: string }>(
    `INSERT INTO portfolios (id, organization_id, name, description, base_currency, updated_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, now())
     ON CONFLICT (organization_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [organizationId, portfolio.name, portfolio.description, portfolio.baseCurrency],
  );
  return result.rows[0]!.id;
}
