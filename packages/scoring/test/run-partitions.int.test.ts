// Scores by run (migration scores_by_run): a run writes its own partition without indexes, invisible
// through `scores` until its last batch seals it (indexes built, primary key proving one score per run
// and exposure, attached); older runs' partitions fold into one without changing what any read returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactRunScores, latestScoresOf, planScoringRun, previousScoresOf, type Database, type TenantScope } from '@probity/db';
import type { TenantFixture } from '@probity/db/testing';
import { requestScoringRun, scoreBatch, ScorerCache } from '../src/index.ts';
import { scoredRun, smallModelBook, sql } from './setup.ts';

let db: Database;
let t: TenantFixture;
let scope: TenantScope;
const cache = new ScorerCache();
const N = 9;

const scoredRunNow = () => scoredRun(db, scope, cache, { portfolioId: t.portfolioId, asOf: '2026-11-30', batchSize: 4 });
// This organization's attached partitions, by kind (r: a run's own, a: folded runs); other test files
// share the database.
const partitions = async () =>
  (
    await sql<{ name: string }>(
      `SELECT DISTINCT split_part(tableoid::regclass::text, '.', 2) AS name FROM scores WHERE organization_id = $1 ORDER BY 1`,
      [t.organizationId],
    )
  ).map((p) => p.name.slice(0, 1));
const everyScore = () =>
  sql<{ run_id: string; exposure_id: string; pd: string }>(
    `SELECT run_id, exposure_id, float8send(pd)::text AS pd FROM scores WHERE organization_id = $1 ORDER BY run_id, exposure_id`,
    [t.organizationId],
  );

beforeAll(async () => {
  ({ db, t, scope } = await smallModelBook('partitions', N));
}, 120_000);
afterAll(async () => {
  await cache.close();
  await db.close();
});

describe('scores by run', () => {
  it('writes a run unindexed and out of sight, and seals it with its last batch', async () => {
    const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, asOf: '2026-11-30', batchSize: 4, trigger: 'manual' }))!;
    const { pending } = await planScoringRun(db, scope, run.id, 'test');
    expect(pending).toEqual([0, 1, 2]);
    await scoreBatch(db, scope, run.id, 0, cache);
    const table = `score_runs.r_${run.id.replaceAll('-', '')}`;
    expect(Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n)).toBe(4);
    expect(await sql(`SELECT 1 FROM scores WHERE run_id = $1`, [run.id])).toHaveLength(0);
    expect(await sql(`SELECT indexname FROM pg_indexes WHERE schemaname = 'score_runs' AND tablename = $1`, [table.slice(11)])).toEqual([]);
    // Its rows are checked to be the run's as COPY writes them, so the seal attaches it without a scan.
    const checks = await sql<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c'`,
      [table],
    );
    expect(checks.map((c) => c.def)).toEqual([`CHECK ((run_id = '${run.id}'::uuid))`]);
    await expect(
      sql(
        `INSERT INTO ${table} SELECT gen_random_uuid(), exposure_id, organization_id, obligor_id, input_hash,
                pd, grade, reason_values, reason_codes FROM ${table} LIMIT 1`,
      ),
    ).rejects.toThrow(/check constraint/);

    await scoreBatch(db, scope, run.id, 2, cache);
    await scoreBatch(db, scope, run.id, 1, cache);
    const sealed = await sql<{ n: string }>(`SELECT count(DISTINCT exposure_id) AS n FROM scores WHERE run_id = $1`, [run.id]);
    expect(Number(sealed[0]!.n)).toBe(N);
    const indexes = await sql<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'score_runs' AND tablename = $1 ORDER BY 1`,
      [table.slice(11)],
    );
    expect(indexes.map((i) => i.indexname.replace(/^r_[0-9a-f]+_/, ''))).toEqual(['pd_exposure_id_idx', 'pkey']);
  });

  it('refuses to seal a run holding a second score for an exposure', async () => {
    const run = (await requestScoringRun(db, scope, {
      portfolioId: t.portfolioId,
      asOf: '2026-11-30',
      batchSize: 100,
      trigger: 'manual',
    }))!;
    await planScoringRun(db, scope, run.id, 'test');
    const table = `score_runs.r_${run.id.replaceAll('-', '')}`;
    // What no batch can do (the batch row's lock and done mark keep a batch from writing twice): a
    // second score for the same (run, exposure), written behind the batch ledger's back.
    await sql(
      `INSERT INTO ${table} (run_id, exposure_id, organization_id, obligor_id, input_hash, pd, grade)
       SELECT $1, e.id, e.organization_id, e.obligor_id, '\\x00', 0.5, 'G1' FROM exposures e WHERE e.portfolio_id = $2 LIMIT 1`,
      [run.id, t.portfolioId],
    );
    await expect(scoreBatch(db, scope, run.id, 0, cache)).rejects.toThrow(/duplicate key|could not create unique index/);
    expect(await sql(`SELECT 1 FROM scores WHERE run_id = $1`, [run.id])).toHaveLength(0);
    await sql('DELETE FROM scoring_runs WHERE id = $1', [run.id]);
    expect(await sql(`SELECT to_regclass($1) AS t`, [table])).toEqual([{ t: null }]);
  });

  it('folds older runs into one partition, every read unchanged', async () => {
    await scoredRunNow();
    await scoredRunNow();
    await scoredRunNow();
    const before = await everyScore();
    const ids = (await sql<{ id: string }>('SELECT id FROM exposures WHERE portfolio_id = $1 ORDER BY id', [t.portfolioId])).map(
      (r) => r.id,
    );
    const latest = await latestScoresOf(db, scope, ids);
    const previous = await previousScoresOf(db, scope, ids);
    expect(await partitions()).toEqual(['r', 'r', 'r', 'r']);

    expect(await compactRunScores(db, scope, t.portfolioId, { keep: 1, fold: 4 })).toBe(0);
    expect(await compactRunScores(db, scope, t.portfolioId, { keep: 1, fold: 3 })).toBe(3);
    expect(await partitions()).toEqual(['a', 'r']);
    // The folded partition (a bound of several runs) keeps a run-first PD index besides the PD-first one
    // every partition has, so one folded run's PD order is still one walk.
    const folded = await sql<{ def: string }>(
      `SELECT regexp_replace(pg_get_indexdef(x.indexrelid), '^.* USING btree ', '') AS def
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_index x ON x.indrelid = c.oid
        WHERE i.inhparent = 'scores'::regclass AND pg_get_expr(c.relpartbound, c.oid) LIKE '%,%'
          AND EXISTS (SELECT 1 FROM scoring_runs r WHERE r.portfolio_id = $1 AND pg_get_expr(c.relpartbound, c.oid) LIKE '%' || r.id || '%')
        ORDER BY 1`,
      [t.portfolioId],
    );
    expect(folded.map((r) => r.def)).toEqual(['(exposure_id, run_id)', '(pd, exposure_id)', '(run_id, pd, exposure_id)']);
    expect(await everyScore()).toEqual(before);
    expect(await latestScoresOf(db, scope, ids)).toEqual(latest);
    expect(await previousScoresOf(db, scope, ids)).toEqual(previous);

    // A folded run still goes with its run.
    const oldest = before[0]!.run_id;
    await sql('DELETE FROM scoring_runs WHERE id = $1', [oldest]);
    expect(await everyScore()).toEqual(before.filter((s) => s.run_id !== oldest));
    await expect(compactRunScores(db, scope, t.portfolioId, { keep: -1, fold: 3 })).rejects.toThrow(/keep/);
  });
});
