// Tests of the bulk load: a book loaded into an organization (made if need be) in one transaction of
// the owner's connection, committed, or rolled back and rethrown on error.
import type pg from 'pg';
import { ensureOrganization, ensurePortfolio } from '../seed/tenants.ts';
import { loadPortfolio, type ExposureRow, type LoadOptions, type ObligorRow } from '../seed/bulk-load.ts';

export async function loadBook(
  owner: pg.Client,
  target: { slug: string; book?: string; description: string },
  obligors: Iterable<ObligorRow>,
  exposures: Iterable<ExposureRow>,
  options: LoadOptions = {},
): Promise<{ organizationId: string; portfolioId: string; inserted: number }> {
  await owner.query('BEGIN');
  try {
    const organizationId = await ensureOrganization(owner, { name: target.slug, slug: target.slug });
    const portfolioId = await ensurePortfolio(owner, organizationId, {
      name: target.book ?? 'Book',
      description: target.description,
      baseCurrency: 'EUR',
    });
    const inserted = await loadPortfolio(owner, organizationId, portfolioId, obligors, exposures, options);
    await owner.query('COMMIT');
    return { organizationId, portfolioId, inserted };
  } catch (error) {
    await owner.query('ROLLBACK');
    throw error;
  }
}
