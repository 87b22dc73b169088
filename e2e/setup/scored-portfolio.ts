// The retail cards scored for the tests of PDs and grades, the cheapest real way: a small logistic
// model trained here by @probity/ml on five columns of the Taiwan file (a few seconds, where the demo's
// full training takes minutes), stored as the champion of a model, linked to the portfolio by
// @probity/scoring (columns checked against the seeded features), and a run queued on pg-boss for the
// real worker the global setup starts. The specs wait for the run; the other specs run meanwhile.
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase } from '@probity/db';
import { createJobClient } from '@probity/jobs';
import { readCsvFile, serializeModel, tableFromRecords, train } from '@probity/ml';
import { linkModel, requestScoringRun } from '@probity/scoring';
import { registerModelVersion } from '@probity/scoring/testing';

const TAIWAN = fileURLToPath(new URL('../../data/taiwan-credit-default.csv', import.meta.url));
const COLUMNS = ['PAY_0', 'PAY_2', 'LIMIT_BAL', 'BILL_AMT1', 'PAY_AMT1'];
const TRAINING_ROWS = 6000;

async function trainRetailModel(): Promise<string> {
  const { table } = await readCsvFile(TAIWAN);
  const column = (name: string) => table.columns.find((c) => c.name === name)!.numbers;
  const [target, ...features] = [column('DEFAULT_NEXT_MONTH'), ...COLUMNS.map(column)];
  const records = Array.from({ length: TRAINING_ROWS }, (_, i) => ({
    ...Object.fromEntries(COLUMNS.map((name, k) => [name, features[k]![i]!])),
    DEFAULT_NEXT_MONTH: target[i]!,
  }));
  const { model } = await train(tableFromRecords(records), { model: 'logistic', target: 'DEFAULT_NEXT_MONTH', seed: 1 });
  return serializeModel(model);
}

/** Queues the retail portfolio's scoring run; returns its id. */
export async function queueRetailScoring(databaseUrl: string, portfolioId: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ organization_id: string }>('SELECT organization_id FROM portfolios WHERE id = $1', [portfolioId]);
  await client.end();
  const organizationId = rows[0]!.organization_id;
  const { modelId } = await registerModelVersion(databaseUrl, organizationId, await trainRetailModel(), { name: 'E2E retail PD' });
  const db = createDatabase({ connectionString: databaseUrl });
  const jobs = await createJobClient({ connectionString: databaseUrl, applicationName: 'e2e-setup' });
  try {
    const scope = { organizationId, actor: { kind: 'system', name: 'e2e-setup' } } as const;
    await linkModel(db, scope, { portfolioId, modelId });
    const run = (await requestScoringRun(db, scope, { portfolioId, trigger: 'manual' }))!;
    await jobs.enqueue('score-portfolio', { organizationId, runId: run.id });
    return run.id;
  } finally {
    await jobs.close();
    await db.close();
  }
}
