// The demo on a first start: the worker stores the Taiwan and Polish files, trains a retail and a
// corporate model, and the two demo officers validate, approve (four-eyes) and promote them.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import {
  createDatabase,
  DEMO_ORGANIZATION,
  getPortfolioModel,
  latestScoresOf,
  listChampionVersions,
  listDatasets,
  listModels,
  listScoringRuns,
  seedDemo,
  type Database,
  type SeedSummary,
} from '@probity/db';
import { createFreshDatabase, type FreshDatabase } from '@probity/db/testing';
import { readEnv } from '../src/env.ts';
import { startWorker, type RunningWorker } from '../src/app.ts';
import { waitFor } from './worker-process.ts';

let fresh: FreshDatabase;
let db: Database;
let worker: RunningWorker;
let seed: SeedSummary;

beforeAll(async () => {
  // Its own database: the seed's demo organization is one per database.
  fresh = await createFreshDatabase(inject('databaseServerUrl'), 'demomodels');
  seed = await seedDemo(fresh.url);
  db = createDatabase({ connectionString: fresh.url });
  worker = await startWorker(readEnv({ DATABASE_URL: fresh.url, WORKER_PORT: '0', LOG_LEVEL: 'silent', PROBITY_DEMO_TRAINING: '1' }));
}, 180_000);
afterAll(async () => {
  await worker?.close();
  await db?.close();
  await fresh?.drop();
});

describe('demo models', () => {
  it('trains a retail and a corporate model and makes them champions, approved by the second officer', async () => {
    const orgId = (await import('pg')).default;
    const client = new orgId.Client({ connectionString: fresh.url });
    await client.connect();
    const { rows } = await client.query<{ id: string }>('SELECT id FROM organizations WHERE slug = $1', [DEMO_ORGANIZATION.slug]);
    await client.end();
    const scope = { organizationId: rows[0]!.id, actor: { kind: 'system' as const, name: 'test' } };
    const champions = await waitFor(
      async () => {
        const list = await listChampionVersions(db, scope);
        return list.length === 2 ? list : null;
      },
      600_000,
      'two champions',
    );
    const models = (await listModels(db, scope)).nodes.map((m) => `${m.name}/${m.segment}`).sort();
    expect(models).toEqual(['Corporate PD/CORPORATE', 'Retail cards PD/RETAIL']);
    expect((await listDatasets(db, scope)).nodes.map((d) => d.rowCount).sort()).toEqual([30_000, 7027]);
    for (const version of champions) {
      expect(version.approvedById).not.toBe(version.submittedById);
      expect(version.approvedById).not.toBe(version.trainedById);
      expect((version.metrics as { testAuc: number }).testAuc).toBeGreaterThan(0.7);
    }

    // Each champion is linked to its demo portfolio and a first run scores every exposure.
    const modelIds = new Map((await listModels(db, scope)).nodes.map((m) => [m.name, m.id]));
    for (const [portfolioId, modelName] of [
      [seed.retailPortfolioId, 'Retail cards PD'],
      [seed.corporatePortfolioId, 'Corporate PD'],
    ] as const) {
      expect((await getPortfolioModel(db, scope, portfolioId))?.modelId).toBe(modelIds.get(modelName));
      const run = await waitFor(
        async () => {
          const [latest] = await listScoringRuns(db, scope, portfolioId, 1);
          if (latest?.status === 'FAILED') throw new Error(`the first run failed: ${latest.error}`);
          return latest?.status === 'SUCCEEDED' ? latest : null;
        },
        300_000,
        `a succeeded first run of ${modelName}`,
      );
      expect(run.trigger).toBe('initial');
      expect(champions.map((c) => c.id)).toContain(run.modelVersionId);
      expect(run.exposureCount).toBeGreaterThan(0);
      // The demo features cover every exposure with every column the model reads: nothing skipped.
      expect(run.skippedCount).toBe(0);
      expect(run.scoredCount).toBe(run.exposureCount);
    }
    const pg = (await import('pg')).default;
    const check = new pg.Client({ connectionString: fresh.url });
    await check.connect();
    const sample = await check.query<{ id: string }>(
      'SELECT id FROM exposures WHERE portfolio_id = ANY($1::uuid[]) ORDER BY id LIMIT 200',
      [[seed.retailPortfolioId, seed.corporatePortfolioId]],
    );
    await check.end();
    const scores = await latestScoresOf(
      db,
      scope,
      sample.rows.map((r) => r.id),
    );
    expect(scores.every((s) => s !== null && s.pd > 0 && s.pd < 1 && s.grade.length > 0)).toBe(true);
    expect(new Set(scores.map((s) => s!.grade)).size).toBeGreaterThan(1);
  }, 960_000);
});
