// A self-contained tenant for tests: an organization with one user per role, a portfolio of
// exposures and (optionally) an API key. Unique names, so tests sharing a database never collide.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Role } from '@probity/auth';
import { ensureMembership, ensureOrganization, ensurePortfolio, ensureUser } from '../seed/tenants.ts';
import { loadPortfolio, type ExposureRow, type ObligorRow } from '../seed/bulk-load.ts';

export interface TenantFixture {
  organizationId: string;
  slug: string;
  portfolioId: string;
  users: Record<Role, { id: string; email: string; password: string }>;
}

const ROLES: Role[] = ['ADMIN', 'RISK_OFFICER', 'ANALYST', 'VIEWER'];
const SEGMENTS = ['RETAIL', 'SME', 'CORPORATE'] as const;
const SECTORS = ['Energy', 'Healthcare', 'Manufacturing', null] as const;

export async function createTenantFixture(url: string, options: { exposures?: number; label?: string } = {}): Promise<TenantFixture> {
  const tag = `${options.label ?? 'tenant'}-${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const organizationId = await ensureOrganization(client, { name: `Bank ${tag}`, slug: tag });
    const users = {} as TenantFixture['users'];
    for (const role of ROLES) {
      const email = `${role.toLowerCase()}@${tag}.example`;
      const password = `pw-${role.toLowerCase()}-${tag}`;
      const id = await ensureUser(client, { email, name: `${role} of ${tag}`, password });
      await ensureMembership(client, id, organizationId, role);
      users[role] = { id, email, password };
    }
    const portfolioId = await ensurePortfolio(client, organizationId, { name: `Book ${tag}`, description: 'fixture', baseCurrency: 'EUR' });
    const n = options.exposures ?? 20;
    const obligors: ObligorRow[] = [];
    const exposures: ExposureRow[] = [];
    for (let i = 0; i < n; i += 1) {
      const obligorId = `${tag}-O${i}`;
      obligors.push({
        externalId: obligorId,
        name: `Obligor ${String(i).padStart(4, '0')} ${tag}`,
        segment: SEGMENTS[i % 3]!,
        sector: SECTORS[i % 4]!,
        country: 'DE',
      });
      // Repeating EADs on purpose: sorting must page correctly through ties.
      exposures.push({
        externalId: `${tag}-E${i}`,
        obligorExternalId: obligorId,
        product: i % 2 ? 'Term loan' : 'Revolving credit facility',
        currency: 'EUR',
        ead: `${1000 * (1 + (i % 7))}.00`,
        limit: `${2000 * (1 + (i % 5))}.00`,
        lgd: '0.4500',
        maturityDate: i % 3 === 0 ? null : `2030-0${1 + (i % 9)}-15`,
        originationDate: '2024-01-01',
        collateralValue: null,
        daysPastDue: i % 11 === 0 ? 120 : 0,
        status: i % 11 === 0 ? 'DEFAULTED' : 'PERFORMING',
      });
    }
    await loadPortfolio(client, organizationId, portfolioId, obligors, exposures);
    await client.query('COMMIT');
    return { organizationId, slug: tag, portfolioId, users };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
