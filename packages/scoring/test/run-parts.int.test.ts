// A large run's partition in parts (migration run_scores_in_parts, db run-score-parts.ts): split by
// exposure id at batch boundaries, each part indexed by the batch that completes it, the run's table
// given its indexes (the parts' attached, nothing rebuilt) and attached by the last batch. Thirty
// exposures in batches of one make a run of thirty batches: three parts of ten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactRunScores, failScoringRun, planScoringRun, type Database, type TenantScope } from '@probity/db';
import type { TenantFixture } from '@probity/db/testing';
import { requestScoringRun, scoreBatch, ScorerCache } from '../src/index.ts';
import { runToEnd, smallModelBook, sql } from './setup.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
const cache = new ScorerCache();
const N = 30;

const hex = (runId: string) => runId.replaceAll('-', '');
/** The part tables of a run's table with their bounds, in part order. */
const partsOf = async (runId: string) =>
  sql<{ name: string; bound: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = $1::regclass ORDER BY c.relname`,
    [`score_runs.r_${hex(runId)}`],
  );
/** A table's index names, without the table's own name before them. */
const indexesOf = async (table: string) =>
  (
    await sql<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'score_runs' AND tablename = $1 ORDER BY 1`, [
      table,
    ])
  ).map((i) => i.indexname.slice(table.length + 1));
const visibleScores = async (runId: string) =>
  Number((await sql<{ n: string }>('SELECT count(DISTINCT exposure_id) AS n FROM scores WHERE run_id = $1', [runId]))[0]!.n);
const newRun = async () => {
  const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, asOf: '2026-11-30', batchSize: 1, trigger: 'manual' }))!;
  const { pending } = await planScoringRun(db, scope, run.id, 'test');
  return { run, pending };
};
const score = (runId: string, batches: number[]) => Promise.all(batches.map((b) => scoreBatch(db, scope, runId, b, cache)));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

beforeAll(async () => {
  ({ db, t, scope } = await smallModelBook('runparts', N));
}, 120_000);
afterAll(async () => {
  await cache.close();
  await db.close();
});

describe('a run written in parts', () => {
  it('indexes each part as its last batch ends, and the run with its last batch, from the parts', async () => {
    const { run, pending } = await newRun();
    expect(pending).toHaveLength(N);
    const ids = (await sql<{ id: string }>('SELECT id FROM exposures WHERE portfolio_id = $1 ORDER BY id', [t.portfolioId])).map(
      (r) => r.id,
    );
    const parts = await partsOf(run.id);
    expect(parts).toEqual([
      { name: `r_${hex(run.id)}_0`, bound: `FOR VALUES FROM (MINVALUE) TO ('${ids[10]}')` },
      { name: `r_${hex(run.id)}_1`, bound: `FOR VALUES FROM ('${ids[10]}') TO ('${ids[20]}')` },
      { name: `r_${hex(run.id)}_2`, bound: `FOR VALUES FROM ('${ids[20]}') TO (MAXVALUE)` },
    ]);
    const [p0, p1, p2] = parts.map((p) => p.name) as [string, string, string];

    // Part 1 out of order, all but its last batch: written, not indexed, not visible.
    await score(run.id, [19, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM score_runs.${p1}`))[0]!.n)).toBe(9);
    expect(await indexesOf(p1)).toEqual([]);
    await score(run.id, [10]);
    expect(await indexesOf(p1)).toEqual(['pd_exposure_id_idx', 'pkey']);
    expect(await indexesOf(p0)).toEqual([]);
    expect(await visibleScores(run.id)).toBe(0);

    // Part 0's last two batches at once: whichever counts second finds the part done and indexes it.
    await score(run.id, range(0, 7));
    await score(run.id, [8, 9]);
    expect(await indexesOf(p0)).toEqual(['pd_exposure_id_idx', 'pkey']);
    expect(await indexesOf(p2)).toEqual([]);

    await score(run.id, range(20, 29));
    expect(await visibleScores(run.id)).toBe(N);
    expect((await sql<{ status: string }>('SELECT status FROM scoring_runs WHERE id = $1', [run.id]))[0]!.status).toBe('SUCCEEDED');
    // The run's own indexes are the parts' attached, not built again: each has the three as partitions.
    for (const index of ['pd_exposure_id_idx', 'pkey']) {
      const children = await sql<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass ORDER BY 1`,
        [`score_runs.r_${hex(run.id)}_${index}`],
      );
      expect(children.map((c) => c.name)).toEqual([p0, p1, p2].map((p) => `${p}_${index}`));
    }
  });

  it('refuses a part holding a second score for an exposure, when that part is sealed', async () => {
    const { run } = await newRun();
    const [, , p2] = (await partsOf(run.id)).map((p) => p.name);
    // Behind the batch ledger's back (no batch can do this): a second score in part 2.
    await sql(
      `INSERT INTO score_runs.${p2!} (run_id, exposure_id, organization_id, obligor_id, input_hash, pd, grade)
       SELECT $1, e.id, e.organization_id, e.obligor_id, '\\x00', 0.5, 'G1' FROM exposures e WHERE e.portfolio_id = $2 ORDER BY e.id DESC LIMIT 1`,
      [run.id, t.portfolioId],
    );
    await score(run.id, range(0, 28));
    await expect(scoreBatch(db, scope, run.id, 29, cache)).rejects.toThrow(/duplicate key|could not create unique index/);
    // The failed batch wrote nothing and marked nothing: its part is still open and unindexed.
    expect(await indexesOf(p2!)).toEqual([]);
    expect((await sql<{ done: string }>('SELECT batches_done AS done FROM scoring_runs WHERE id = $1', [run.id]))[0]!.done).toBe(29);
    await sql('DELETE FROM scoring_runs WHERE id = $1', [run.id]);
    expect(await sql('SELECT to_regclass($1) AS t', [`score_runs.${p2!}`])).toEqual([{ t: null }]);
  });

  it('seals a failed run with its parts as they are, its done batches readable', async () => {
    const { run } = await newRun();
    await score(run.id, [...range(0, 9), 15]);
    await failScoringRun(db, scope, run.id, 'stopped by the test');
    const parts = (await partsOf(run.id)).map((p) => p.name);
    for (const p of parts) expect(await indexesOf(p)).toEqual(['pd_exposure_id_idx', 'pkey']);
    expect(await visibleScores(run.id)).toBe(11);
    // A batch arriving after the failure writes nothing.
    await scoreBatch(db, scope, run.id, 16, cache);
    expect(await visibleScores(run.id)).toBe(11);
  });

  it('folds runs in parts like any other, every score kept', async () => {
    await sql(`DELETE FROM scoring_runs WHERE portfolio_id = $1`, [t.portfolioId]);
    for (let i = 0; i < 3; i++) await runToEnd(db, scope, cache, (await newRun()).run.id);
    const before = await sql<{ run_id: string; exposure_id: string; pd: string }>(
      `SELECT run_id, exposure_id, float8send(pd)::text AS pd FROM scores WHERE organization_id = $1 ORDER BY 1, 2`,
      [t.organizationId],
    );
    expect(before).toHaveLength(3 * N);
    expect(await compactRunScores(db, scope, t.portfolioId, { keep: 1, fold: 2 })).toBe(2);
    const after = await sql<{ run_id: string; exposure_id: string; pd: string; kind: string }>(
      `SELECT run_id, exposure_id, float8send(pd)::text AS pd, left(split_part(tableoid::regclass::text, '.', 2), 1) AS kind
         FROM scores WHERE organization_id = $1 ORDER BY 1, 2`,
      [t.organizationId],
    );
    expect(after.map(({ kind: _, ...s }) => s)).toEqual(before);
    expect(new Set(after.map((s) => s.kind))).toEqual(new Set(['a', 'r']));
  });
});
