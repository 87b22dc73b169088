// The scoring scheduler's tick, run as the worker runs it: a portfolio linked but never scored gets its
// first run at once (trigger "initial"), once, however often (and by however many workers) the tick runs.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, listScoringRuns, type Database } from '@probity/db';
import { createTenantFixture, type TenantFixture } from '@probity/db/testing';
import { createJobClient, type JobClient } from '@probity/jobs';
import { createLogger } from '@probity/logging';
import { readEnv } from '../src/env.ts';
import { scheduleScoring } from '../src/jobs/definitions/scoring/schedule-scoring.ts';
import { workerIdentity } from '../src/training/identity.ts';
import { linkScoreReadyPortfolio } from './scoring-cards.ts';

let db: Database;
let jobs: JobClient;
let t: TenantFixture;
const scope = () => ({ organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } }) as const;

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  jobs = await createJobClient({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'schedule', exposures: 4 });
  await linkScoreReadyPortfolio(db, scope(), t, 4, (i) => `${i},${i * 10},1.5`);
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
