// scores has no foreign keys (their per-row checks halved the insert rate): statement-level triggers
// delete a run's scores with the run and an exposure's with the exposure, as ON DELETE CASCADE did.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, loadFeatures, planScoringRun, type Database, type TenantScope } from '@probity/db';
import { createTenantFixture, runSql, type TenantFixture } from '@probity/db/testing';
import { linkModel, requestScoringRun, scoreBatch, ScorerCache } from '../src/index.ts';
import { registerModelVersion, trainSmallModel } from '../src/testing.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
const cache = new ScorerCache();
const N = 8;

async function scoredRun(): Promise<string> {
  const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-11-30', batchSize: 4 }))!;
  const { pending } = await planScoringRun(db, scope, run.id, 'test');
  for (const batchNo of pending) await scoreBatch(db, scope, run.id, batchNo, cache);
  return run.id;
}

const count = async (where: string, params: unknown[]) =>
  Number((await runSql<{ n: string }>(inject('databaseUrl'), `SELECT count(*) AS n FROM scores WHERE ${where}`, params))[0]!.n);

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'cascade', exposures: N });
  scope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } };
  const cards = [
    'external_id,PAY_0,BILL_AMT1,current_ratio',
    ...Array.from({ length: N }, (_, i) => `${t.slug}-E${i},${i % 3},${i * 10},1.5`),
  ];
  expect((await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: cards.join('\n') } })).ok).toBe(true);
  const { modelId } = await registerModelVersion(inject('databaseUrl'), t.organizationId, await trainSmallModel());
  await linkModel(db, scope, { portfolioId: t.portfolioId, modelId });
}, 120_000);
afterAll(async () => {
  await cache.close();
  await db.close();
});

describe('scores without foreign keys', () => {
  it('go with their run, and with their exposure, and no other', async () => {
    const first = await scoredRun();
    const second = await scoredRun();
    expect(await count('run_id = $1', [first])).toBe(N);

    await runSql(inject('databaseUrl'), 'DELETE FROM scoring_runs WHERE id = $1', [first]);
    expect(await count('run_id = $1', [first])).toBe(0);
    expect(await count('run_id = $1', [second])).toBe(N);

    const [gone] = await runSql<{ id: string }>(inject('databaseUrl'), 'SELECT id FROM exposures WHERE external_id = $1', [`${t.slug}-E3`]);
    await runSql(inject('databaseUrl'), 'DELETE FROM exposures WHERE id = $1', [gone!.id]);
    expect(await count('exposure_id = $1', [gone!.id])).toBe(0);
    expect(await count('run_id = $1', [second])).toBe(N - 1);
  });
});
