// The worker that plans a run starts loading its scorers before the batches come (warmScorers): a
// version that loads is then the cache's, ready for the first batch; one that cannot load (an id with
// no version) is reported through the callback, naming it, and is not kept, so a batch tries it again.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, type Database } from '@probity/db';
import { createTenantFixture, type TenantFixture } from '@probity/db/testing';
import { scorers, warmScorers } from '../src/jobs/definitions/scoring/scorers.ts';
import { linkScoreReadyPortfolio } from './scoring-cards.ts';

let db: Database;
let t: TenantFixture;
let versionId: string;
const scope = () => ({ organizationId: t.organizationId, actor: { kind: 'system', name: 'test' } }) as const;

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'warmscorers', exposures: 4 });
  ({ versionId } = await linkScoreReadyPortfolio(db, scope(), t, 4, (i) => `${i % 3},${i * 10},1.5`));
}, 120_000);
afterAll(async () => {
  await scorers(1).close();
  await db?.close();
});

describe('warmScorers', () => {
  it("loads a run's versions ahead of its batches and reports one that cannot load", async () => {
    const missing = '0193c1a2-0000-7000-8000-00000000abcd';
    const failed: { versionId: string; message: string }[] = [];
    const reported = new Promise<void>((resolve) =>
      warmScorers(db, scope(), [versionId, null, missing], 1, (id, error) => {
        failed.push({ versionId: id, message: error instanceof Error ? error.message : String(error) });
        resolve();
      }),
    );
    await reported;
    expect(failed).toHaveLength(1);
    expect(failed[0]!.versionId).toBe(missing);

    const loaded = await scorers(1).get(db, scope(), versionId);
    expect(loaded.version.id).toBe(versionId);
    expect(loaded.scorer.requiredColumns.length).toBeGreaterThan(0);
    // Not kept: the next ask loads it again (and fails again).
    await expect(scorers(1).get(db, scope(), missing)).rejects.toThrow();
  });
});
