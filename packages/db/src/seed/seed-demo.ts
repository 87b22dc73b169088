// Seeds "Demo Bank": users for every role, the Taiwan retail card portfolio with six months of history,
// and a corporate/SME book. One transaction, idempotent: running it again changes nothing.
import pg from 'pg';
import { DEMO_ACCOUNTS, DEMO_ORGANIZATION } from './demo-accounts.ts';
import { ensureMembership, ensureOrganization, ensurePortfolio, ensureUser } from './tenants.ts';
import { loadPortfolio } from './bulk-load.ts';
import { monthEnd, readTaiwanClients, taiwanCardRows, taiwanMonthlyFigures, CARD_LGD } from './taiwan-cards.ts';
import { corporateBookRows } from './corporate-book.ts';
import { seedDemoFeatures } from './demo-features.ts';

export const RETAIL_PORTFOLIO = {
  name: 'Retail credit cards (Taiwan)',
  description: 'Credit card book built from the UCI Taiwan default data set (CC BY 4.0): one card per client.',
  baseCurrency: 'TWD',
};
export const CORPORATE_PORTFOLIO = {
  name: 'Corporate & SME lending',
  description: 'Term loans, revolving facilities, trade finance and mortgages to European companies.',
  baseCurrency: 'EUR',
};

export interface SeedSummary {
  organizationId: string;
  newExposures: number;
  retailPortfolioId: string;
  corporatePortfolioId: string;
}

const SEED_LOCK = 72_016_001; // advisory lock key: two processes seeding at once would race

export async function seedDemo(connectionString: string, today = new Date()): Promise<SeedSummary> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const organizationId = await ensureOrganization(client, DEMO_ORGANIZATION);
    for (const account of DEMO_ACCOUNTS) {
      const userId = await ensureUser(client, account);
      await ensureMembership(client, userId, organizationId, account.role);
    }
    const retailPortfolioId = await ensurePortfolio(client, organizationId, RETAIL_PORTFOLIO);
    const corporatePortfolioId = await ensurePortfolio(client, organizationId, CORPORATE_PORTFOLIO);

    const clients = await readTaiwanClients();
    const retail = taiwanCardRows(clients);
    let newExposures = await loadPortfolio(client, organizationId, retailPortfolioId, retail.obligors, retail.exposures);
    const corporate = corporateBookRows(today);
    newExposures += await loadPortfolio(client, organizationId, corporatePortfolioId, corporate.obligors, corporate.exposures);

    // Six month-end snapshots from the data's own statements (see data/README.md for the re-dating).
    for (const month of taiwanMonthlyFigures(clients)) {
      await client.query(
        `INSERT INTO portfolio_snapshots (id, organization_id, portfolio_id, as_of, exposure_count, obligor_count, total_ead,
                                          total_limit, total_loss_given_default, defaulted_count, defaulted_ead)
         VALUES (gen_random_uuid(), $1, $2, $3::date, $4, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (portfolio_id, as_of) DO NOTHING`,
        [
          organizationId,
          retailPortfolioId,
          monthEnd(today, month.monthsBack).toISOString().slice(0, 10),
          month.exposureCount,
          month.totalEad.toFixed(2),
          month.totalLimit.toFixed(2),
          (month.totalEad * Number(CARD_LGD)).toFixed(2),
          month.defaultedCount,
          month.defaultedEad.toFixed(2),
        ],
      );
    }
    // Model features as of the latest month-end, the day of the September statement (see data/README.md).
    await seedDemoFeatures(client, organizationId, monthEnd(today, 0).toISOString().slice(0, 10));
    await client.query('COMMIT');
    return { organizationId, newExposures, retailPortfolioId, corporatePortfolioId };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
