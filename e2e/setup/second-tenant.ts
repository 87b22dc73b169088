// A second organization with its own user and a small portfolio, so the tests can prove that neither
// tenant sees the other's data.
import pg from 'pg';
import {
  ensureMembership,
  ensureOrganization,
  ensurePortfolio,
  ensureUser,
  loadPortfolio,
  type ExposureRow,
  type ObligorRow,
} from '@probity/db/seed';
import { OTHER_ORG } from '../support/accounts.ts';

export async function seedSecondTenant(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const organizationId = await ensureOrganization(client, OTHER_ORG.organization);
    const userId = await ensureUser(client, OTHER_ORG.user);
    await ensureMembership(client, userId, organizationId, 'RISK_OFFICER');
    const portfolioId = await ensurePortfolio(client, organizationId, OTHER_ORG.portfolio);
    const obligors: ObligorRow[] = [
      { externalId: 'HB-001', name: 'Quayside Chandlery Ltd', segment: 'SME', sector: 'Retail trade', country: 'GB' },
      { externalId: 'HB-002', name: 'Tidewater Logistics Ltd', segment: 'CORPORATE', sector: 'Transport & logistics', country: 'GB' },
    ];
    const exposures: ExposureRow[] = [
      {
        externalId: 'HB-001-L1',
        obligorExternalId: 'HB-001',
        product: 'Term loan',
        currency: 'GBP',
        ead: '250000.00',
        limit: '300000.00',
        lgd: '0.4000',
        maturityDate: '2029-06-30',
        originationDate: '2024-07-01',
        collateralValue: null,
        daysPastDue: 0,
        status: 'PERFORMING',
      },
      {
        externalId: 'HB-002-R1',
        obligorExternalId: 'HB-002',
        product: 'Revolving credit facility',
        currency: 'GBP',
        ead: '1200000.00',
        limit: '2000000.00',
        lgd: '0.4500',
        maturityDate: '2028-12-31',
        originationDate: '2023-01-15',
        collateralValue: '500000.00',
        daysPastDue: 12,
        status: 'WATCHLIST',
      },
    ];
    await loadPortfolio(client, organizationId, portfolioId, obligors, exposures);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** A Demo Bank obligor and exposure id (largest exposure of the portfolio), read with system access. */
export async function demoIds(databaseUrl: string, portfolioId: string): Promise<{ obligorId: string; exposureId: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ obligor_id: string; id: string }>(
      'SELECT id, obligor_id FROM exposures WHERE portfolio_id = $1 ORDER BY ead DESC, id LIMIT 1',
      [portfolioId],
    );
    const row = result.rows[0];
    if (!row) throw new Error('the demo seed left the portfolio empty');
    return { obligorId: row.obligor_id, exposureId: row.id };
  } finally {
    await client.end();
  }
}
