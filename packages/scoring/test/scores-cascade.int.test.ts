// scores has no foreign keys (their per-row checks halved the insert rate): statement-level triggers
// delete a run's scores with the run and an exposure's with the exposure, as ON DELETE CASCADE did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type TenantScope } from '@probity/db';
import type { TenantFixture } from '@probity/db/testing';
import { ScorerCache } from '../src/index.ts';
import { scoredRun, smallModelBook, sql } from './setup.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
const cache = new ScorerCache();
const N = 8;

const scoredRunNow = () => scoredRun(db, scope, cache, { portfolioId: t.portfolioId, asOf: '2026-11-30', batchSize: 4 });

const count = async (where: string, params: unknown[]) =>
  Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM scores WHERE ${where}`, params))[0]!.n);

beforeAll(async () => {
  ({ db, t, scope } = await smallModelBook('cascade', N));
}, 120_000);
afterAll(async () => {
  await cache.close();
  await db.close();
});

describe('scores without foreign keys', () => {
  it('go with their run, and with their exposure, and no other', async () => {
    const first = await scoredRunNow();
    const second = await scoredRunNow();
    expect(await count('run_id = $1', [first])).toBe(N);

    await sql('DELETE FROM scoring_runs WHERE id = $1', [first]);
    expect(await count('run_id = $1', [first])).toBe(0);
    expect(await count('run_id = $1', [second])).toBe(N);

    const [gone] = await sql<{ id: string }>('SELECT id FROM exposures WHERE external_id = $1', [`${t.slug}-E3`]);
    await sql('DELETE FROM exposures WHERE id = $1', [gone!.id]);
    expect(await count('exposure_id = $1', [gone!.id])).toBe(0);
    expect(await count('run_id = $1', [second])).toBe(N - 1);
  });
});
