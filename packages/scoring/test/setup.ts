// Arrange steps the scoring integration tests share: feature cards loaded, a real small model (trained by
// @probity/ml, stored as the registry stores it) linked to the portfolio, and runs scored to the end.
import { expect, inject } from 'vitest';
import type pg from 'pg';
import { createDatabase, loadFeatures, planScoringRun, type BatchScores, type Database, type TenantScope } from '@probity/db';
import { createTenantFixture, runSql, type TenantFixture } from '@probity/db/testing';
import { linkModel, requestScoringRun, scoreBatch, type ScorerCache } from '../src/index.ts';
import { registerModelVersion, trainSmallModel } from '../src/testing.ts';

/** Rows of one statement on the test database, on a connection of its own (outside any tenant scope). */
export const sql = <T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> =>
  runSql<T>(inject('databaseUrl'), text, params);

/** The same hand-made score for each of `count` inputs (PD 0.5, grade A, a zero digest, one reason: unit 0 at 0.1), as a batch's scores. */
export function sameScores(count: number): BatchScores {
  return {
    count,
    pd: new Float64Array(count).fill(0.5),
    grade: Array.from({ length: count }, () => 'A'),
    inputHash: new Uint8Array(count * 32),
    reasonsPerScore: 1,
    reasonCodes: new Int32Array(count),
    reasonValues: new Float64Array(count).fill(0.1),
  };
}

/** A database handle and a fresh tenant with `exposures` exposures, with a scope acting in it as its risk officer or the system. */
export async function scoringTenant(
  label: string,
  exposures: number,
  as: 'riskOfficer' | 'system',
): Promise<{ db: Database; t: TenantFixture; scope: TenantScope }> {
  const db = createDatabase({ connectionString: inject('databaseUrl') });
  const t = await createTenantFixture(inject('databaseUrl'), { label, exposures });
  const actor =
    as === 'system' ? ({ kind: 'system', name: 'test' } as const) : ({ kind: 'user', userId: t.users.RISK_OFFICER.id } as const);
  return { db, t, scope: { organizationId: t.organizationId, actor } };
}

/** Loads feature cards (a CSV header, then one line a row) at `level` as of `asOf`; the load must succeed. */
export async function loadCards(
  db: Database,
  scope: TenantScope,
  level: 'EXPOSURE' | 'OBLIGOR',
  asOf: string,
  header: string,
  rows: readonly string[],
): Promise<void> {
  expect((await loadFeatures(db, scope, { level, asOf, source: { text: [header, ...rows].join('\n') } })).ok).toBe(true);
}

/** Exposure cards E0…: PAY_0 cycling through -1…3 (moved on by `payShift`), BILL_AMT1 1,000 apart. */
export const payCards = (slug: string, count: number, payShift = 0) =>
  Array.from({ length: count }, (_, i) => `${slug}-E${i},${((i + payShift) % 5) - 1},${1000 * i + 0.5}`);

/** Obligor cards O0…: current_ratio cycling through 0, 0.5, … 3. */
export const ratioCards = (slug: string, count: number) => Array.from({ length: count }, (_, i) => `${slug}-O${i},${(i % 7) / 2}`);

/** Registers a small model trained with the default seed as champion, and links the portfolio to it. */
export async function linkSmallModel(
  db: Database,
  scope: TenantScope,
  portfolioId: string,
): Promise<{ modelId: string; versionId: string }> {
  const model = await registerModelVersion(inject('databaseUrl'), scope.organizationId, await trainSmallModel());
  await linkModel(db, scope, { portfolioId, modelId: model.modelId });
  return model;
}

/**
 * A fresh tenant whose `exposures` exposures carry the small model's columns (PAY_0 cycling 0, 1, 2;
 * BILL_AMT1 ten times the card's number; current_ratio 1.5), its portfolio linked to that model.
 */
export async function smallModelBook(label: string, exposures: number): Promise<{ db: Database; t: TenantFixture; scope: TenantScope }> {
  const book = await scoringTenant(label, exposures, 'system');
  const { db, t, scope } = book;
  const cards = Array.from({ length: exposures }, (_, i) => `${t.slug}-E${i},${i % 3},${i * 10},1.5`);
  await loadCards(db, scope, 'EXPOSURE', '2026-10-31', 'external_id,PAY_0,BILL_AMT1,current_ratio', cards);
  await linkSmallModel(db, scope, t.portfolioId);
  return book;
}

/** Plans a requested run and scores every batch of it, in order. */
export async function runToEnd(db: Database, scope: TenantScope, cache: ScorerCache, runId: string): Promise<void> {
  const { pending } = await planScoringRun(db, scope, runId, 'test');
  for (const batchNo of pending) await scoreBatch(db, scope, runId, batchNo, cache);
}

/** Requests a manual run of the portfolio and scores it to the end; returns its id. */
export async function scoredRun(
  db: Database,
  scope: TenantScope,
  cache: ScorerCache,
  request: { portfolioId: string; asOf: string; batchSize: number },
): Promise<string> {
  const run = (await requestScoringRun(db, scope, { ...request, trigger: 'manual' }))!;
  await runToEnd(db, scope, cache, run.id);
  return run.id;
}
