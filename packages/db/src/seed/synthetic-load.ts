// Loads a synthetic portfolio of `size` exposures (one obligor each) into an organization, by COPY,
// in one transaction: the bulk path the scale benchmark measures and `npm run seed:scale` runs.
import pg from 'pg';
import { ensureOrganization, ensurePortfolio } from './tenants.ts';
import { loadPortfolio } from './bulk-load.ts';
import { syntheticRows } from './synthetic-portfolio.ts';

export interface SyntheticLoad {
  organizationId: string;
  portfolioId: string;
  exposures: number;
  seconds: number;
}

export async function loadSyntheticPortfolio(
  connectionString: string,
  options: { size: number; organization?: { name: string; slug: string }; portfolioName?: string; seed?: number; prefix?: string },
): Promise<SyntheticLoad> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const started = performance.now();
    // Room for the staging tables in memory (settable only before this session's first temporary table).
    await client.query(`SET temp_buffers = '512MB'`);
    await client.query('BEGIN');
    const organizationId = await ensureOrganization(client, options.organization ?? { name: 'Scale Bank', slug: 'scale-bank' });
    const portfolioId = await ensurePortfolio(client, organizationId, {
      name: options.portfolioName ?? `Synthetic book of ${options.size.toLocaleString('en-US')}`,
      description: 'Synthetic card and loan book (packages/db/src/seed/synthetic-portfolio.ts).',
      baseCurrency: 'EUR',
    });
    const rows = { seed: options.seed ?? options.size, prefix: options.prefix ?? `P${options.size}-` };
    const exposures = await loadPortfolio(
      client,
      organizationId,
      portfolioId,
      (function* () {
        for (const row of syntheticRows(options.size, rows)) yield row.obligor;
      })(),
      (function* () {
        for (const row of syntheticRows(options.size, rows)) yield row.exposure;
      })(),
    );
    await client.query('COMMIT');
    return { organizationId, portfolioId, exposures, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
