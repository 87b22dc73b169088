// The setting of the tests that run scoring on worker processes in a database of their own: one
// tenant's book with scoring cards for every exposure and obligor, linked to a model's champion, and a
// job client (the API's kind) on that database. A database of its own keeps other files' jobs, sweeps
// and books out of the test's queues.
import { inject } from 'vitest';
import { createDatabase, type Database, type TenantScope } from '@probity/db';
import { createFreshDatabase, createTenantFixture, type FreshDatabase, type TenantFixture } from '@probity/db/testing';
import { createJobClient, type JobClient } from '@probity/jobs';
import { linkModel } from '@probity/scoring';
import { registerModelVersion } from '@probity/scoring/testing';
import { loadScoringCards } from './scoring-cards.ts';

export interface ScoringBook {
  database: FreshDatabase;
  url: string;
  db: Database;
  t: TenantFixture;
  scope: TenantScope;
  jobs: JobClient;
  /** Closes the client and the pool, and drops the database. */
  close(): Promise<void>;
}

export async function scoringBook(
  label: string,
  exposures: number,
  model: { file: string; options?: Parameters<typeof registerModelVersion>[3] },
): Promise<ScoringBook> {
  const database = await createFreshDatabase(inject('databaseServerUrl'), label);
  const url = database.url;
  const db = createDatabase({ connectionString: url });
  const t = await createTenantFixture(url, { label, exposures });
  const scope: TenantScope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } };
  await loadScoringCards(db, scope, t.slug, exposures);
  const { modelId } = await registerModelVersion(url, t.organizationId, model.file, model.options);
  await linkModel(db, scope, { portfolioId: t.portfolioId, modelId });
  const jobs = await createJobClient({ connectionString: url });
  return {
    database,
    url,
    db,
    t,
    scope,
    jobs,
    close: async () => {
      await jobs.close();
      await db.close();
      await database.drop();
    },
  };
}
