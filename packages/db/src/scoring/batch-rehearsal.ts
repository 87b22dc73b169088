// A scoring batch rehearsed: the first rows of a run's portfolio read, scored and turned into score rows
// as withScoringBatch does, in a read-only transaction that sends nothing back. A worker rehearses the
// scorers it loads at start, so its first run's batches find the read, the scorer's and the writer's code
// already compiled, as its next run does, instead of running it for the first time beside the run.
import type { Database } from '../client.ts';
import type { ExposureInputs, ScoringRun } from '../domain/scoring.ts';
import { InputError } from '../errors.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';
import { gradeSumsOf } from './batch-grade-sums.ts';
import {
  BATCH_READ_SETTINGS,
  checkScores,
  readInputs,
  rowsWithData,
  runInBatch,
  scoreRows,
  type BatchContext,
  type BatchScoring,
} from './batch-io.ts';

export interface Rehearsal {
  /** The run whose portfolio, organization and settings the rehearsal reads with (any status: nothing of it changes). */
  runId: string;
  /** The as-of the features are read at (YYYY-MM-DD); the run's own when left out. */
  asOf?: string;
  /** How many of the portfolio's exposures, the first by id (a batch's worth). */
  rows: number;
}

/** Returns how many scores `score` made; none is written anywhere. */
export async function rehearseScoringBatch(
  db: Database,
  scope: TenantScope,
  rehearsal: Rehearsal,
  score: (inputs: ExposureInputs[], run: ScoringRun, context: BatchContext) => Promise<BatchScoring>,
): Promise<number> {
  if (!(Number.isInteger(rehearsal.rows) && rehearsal.rows > 0))
    throw new InputError('rows', `must be a positive integer, got ${rehearsal.rows}`);
  return withTenantClient(db, scope, async (client) => {
    // Going read-only is allowed after the tenant settings' query; any write would now fail.
    await client.query('SET TRANSACTION READ ONLY');
    const found = await runInBatch(client, rehearsal.runId, scope.organizationId);
    const run = rehearsal.asOf ? { ...found.run, asOf: rehearsal.asOf } : found.run;
    const { rows } = await client.query<{ first: string | null; last: string | null }>(
      `WITH ids AS (SELECT id FROM exposures WHERE portfolio_id = $1 AND organization_id = $2 ORDER BY id LIMIT $3)
       SELECT (SELECT id FROM ids ORDER BY id LIMIT 1)::text AS first, (SELECT id FROM ids ORDER BY id DESC LIMIT 1)::text AS last`,
      [run.portfolioId, run.organizationId, rehearsal.rows],
    );
    const { first, last } = rows[0]!;
    if (first === null || last === null) return 0;
    await client.query(BATCH_READ_SETTINGS);
    const read = await readInputs(client, run, first, last, found.obligorFeatures);
    try {
      const { rowOf, withData } = rowsWithData(read.inputs);
      const scored = await score(withData, run, found.context);
      checkScores(scored.scores, withData.length);
      // The writer's and the figures' code run too; what they make is dropped, not sent.
      scoreRows(run, scored.scores, rowOf, read.ids).release();
      gradeSumsOf(scored.scores, rowOf, read.money);
      return scored.scores.count;
    } finally {
      read.release();
    }
  });
}
