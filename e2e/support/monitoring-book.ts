// Scoring data for the monitoring pages, which no API call can create in seconds (a model version
// comes from training on the worker): a copy of the demo's corporate book ("Monitoring book", same
// obligors, so their financial ratios are its features), a logistic model trained here on the
// Polish file and stored as the registry stores versions (champion, with its training population),
// linked to the book, one succeeded, monitored run scored in-process as a worker would, and a second
// approved version that the spec designates as the challenger on the model's page.
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase, planScoringRun, type TenantScope } from '@probity/db';
import { serializeModel, train } from '@probity/ml';
import { linkModel, monitorScoringRun, requestScoringRun, scoreBatch, ScorerCache } from '@probity/scoring';
import { registerModelVersion } from '@probity/scoring/testing';

const POLISH_CSV = fileURLToPath(new URL('../../data/polish-bankruptcy-1year.csv', import.meta.url));
export const MONITORING_BOOK = 'Monitoring book';

export async function prepareMonitoringBook(
  databaseUrl: string,
  corporatePortfolioId: string,
): Promise<{ portfolioId: string; runId: string; exposures: number; modelId: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let portfolioId: string;
  let organizationId: string;
  let exposures: number;
  try {
    await client.query('BEGIN');
    // Copies of the rows, so every column the tables have (and their triggers' figures) comes along.
    await client.query('CREATE TEMP TABLE p ON COMMIT DROP AS SELECT * FROM portfolios WHERE id = $1', [corporatePortfolioId]);
    const { rows } = await client.query<{ id: string; organization_id: string }>(
      `UPDATE p SET id = gen_random_uuid(), name = $1, description = 'Scored by the e2e monitoring spec' RETURNING id, organization_id`,
      [MONITORING_BOOK],
    );
    portfolioId = rows[0]!.id;
    organizationId = rows[0]!.organization_id;
    await client.query('INSERT INTO portfolios SELECT * FROM p');
    await client.query('CREATE TEMP TABLE x ON COMMIT DROP AS SELECT * FROM exposures WHERE portfolio_id = $1', [corporatePortfolioId]);
    await client.query(`UPDATE x SET id = gen_random_uuid(), portfolio_id = $1, external_id = 'MON-' || external_id`, [portfolioId]);
    exposures = (await client.query('INSERT INTO exposures SELECT * FROM x')).rowCount ?? 0;
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  const { model, report } = await train(POLISH_CSV, { model: 'logistic', target: 'BANKRUPT', seed: 3 });
  const { modelId } = await registerModelVersion(databaseUrl, organizationId, serializeModel(model), {
    name: 'Monitoring PD (e2e)',
    validationReport: JSON.parse(JSON.stringify({ stability: report.scoreStability, population: report.population })) as unknown,
  });
  const db = createDatabase({ connectionString: databaseUrl });
  const cache = new ScorerCache();
  try {
    const scope: TenantScope = { organizationId, actor: { kind: 'system', name: 'e2e' } };
    await linkModel(db, scope, { portfolioId, modelId });
    const run = (await requestScoringRun(db, scope, { portfolioId, trigger: 'manual' }))!;
    const { pending } = await planScoringRun(db, scope, run.id, 'e2e');
    for (const batchNo of pending) await scoreBatch(db, scope, run.id, batchNo, cache);
    await monitorScoringRun(db, scope, run.id);
    // A second, approved version (another seed, so another training split): the challenger to be.
    const second = await train(POLISH_CSV, { model: 'logistic', target: 'BANKRUPT', seed: 11 });
    await registerModelVersion(databaseUrl, organizationId, serializeModel(second.model), { modelId, status: 'APPROVED' });
    return { portfolioId, runId: run.id, exposures, modelId };
  } finally {
    await cache.close();
    await db.close();
  }
}
