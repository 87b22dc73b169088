// The scoring scheduler's tick, run as the worker runs it: a portfolio linked but never scored gets its
// first run at once (trigger "initial"), once, however often (and by however many workers) the tick runs.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, listScoringRuns, loadFeatures, type Database } from '@probity/db';
import { createTenantFixture, type TenantFixture } from '@probity/db/testing';
import { createJobClient, type JobClient } from '@probity/jobs';
import { createLogger } from '@probity/logging';
import { linkModel } from '@probity/scoring';
import { registerModelVersion, trainSmallModel } from '@probity/scoring/testing';
import { readEnv } from '../src/env.ts';
import { scheduleScoring } from '../src/jobs/definitions/scoring/schedule-scoring.ts';
import { workerIdentity } from '../src/training/identity.ts';

let db: Database;
let jobs: JobClient;
let t: TenantFixture;
const scope = () => ({ organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } }) as const;

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  jobs = await createJobClient({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'schedule', exposures: 4 });
  const cards = ['external_id,PAY_0,BILL_AMT1,current_ratio', ...Array.from({ length: 4 }, (_, i) => `${t.slug}-E${i},${i},${i * 10},1.5`)];
  expect((await loadFeatures(db, scope(), { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: cards.join('\n') } })).ok).toBe(true);
  const { modelId } = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel());
  await linkModel(db, scope(), { portfolioId: t.portfolioId, modelId });
}, 120_000);
afterAll(async () => {
  await jobs?.close();
  await db?.close();
});

describe('schedule-scoring', () => {
  it('starts a newly linked portfolio’s first run once, whoever ticks', async () => {
    const env = readEnv({ DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' });
    const ctx = {
      db,
      jobs,
      env,
      log: createLogger('worker-test', 'silent'),
      runId: 'test',
      worker: workerIdentity(env),
      shutdown: new AbortController().signal,
    };
    await Promise.all([scheduleScoring.run({}, ctx), scheduleScoring.run({}, ctx), scheduleScoring.run({}, ctx)]);
    await scheduleScoring.run({}, ctx);
    const runs = await listScoringRuns(db, scope(), t.portfolioId);
    // (Worker processes of other test files tick too; whoever made it, there is one.)
    expect(runs.map((r) => r.trigger)).toEqual(['initial']);
  });
});
