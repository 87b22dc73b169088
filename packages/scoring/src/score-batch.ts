// The work of one score-batch job: the batch's exposures scored by the run's model version with the
// top-5 explanation and graded on the master scale, written in one transaction (see @probity/db's
// withScoringBatch for the idempotency and crash guarantees).
import {
  BytePool,
  rehearseScoringBatch,
  withScoringBatch,
  type BatchContext,
  type BatchOutcome,
  type BatchScores,
  type BatchScoring,
  type Database,
  type ExposureInputs,
  type ScoringRun,
  type TenantScope,
} from '@probity/db';
import { gradeBands, gradeOf } from './grades.ts';
import { inputHashes, inputsTable, releaseTable } from './inputs-table.ts';
import { countBatch, type MonitorCounts } from './monitoring/batch-counts.ts';
import type { ScorerCache } from './scorer-cache.ts';

export const TOP_REASONS = 5;

const NO_SCORES: BatchScores = {
  count: 0,
  pd: new Float64Array(0),
  grade: [],
  inputHash: new Uint8Array(0),
  reasonsPerScore: TOP_REASONS,
  reasonCodes: new Int32Array(0),
  reasonValues: new Float64Array(0),
};

/**
 * The batches' input tables, reused from batch to batch: a megabyte each of memory outside the
 * JavaScript heap, which V8 otherwise answers with extra collections (see @probity/db's BytePool).
 */
const tableBytes = new BytePool(8);

export async function scoreBatch(
  db: Database,
  scope: TenantScope,
  runId: string,
  batchNo: number,
  cache: ScorerCache,
): Promise<BatchOutcome> {
  return withScoringBatch(db, scope, runId, batchNo, (inputs, run, context) => scoreInputs(db, scope, cache, inputs, run, context));
}

/**
 * A rehearsal of a batch of `versionId` on the first `rows` exposures of the run's portfolio, at today's
 * as-of (see @probity/db rehearseScoringBatch): nothing is written. Returns the scores made.
 */
export async function rehearseBatch(
  db: Database,
  scope: TenantScope,
  cache: ScorerCache,
  rehearsal: { runId: string; versionId: string; rows: number },
): Promise<number> {
  const asOf = new Date().toISOString().slice(0, 10);
  return rehearseScoringBatch(db, scope, { runId: rehearsal.runId, asOf, rows: rehearsal.rows }, (inputs, run, context) =>
    scoreInputs(db, scope, cache, inputs, { ...run, modelVersionId: rehearsal.versionId, challengerVersionId: null }, context),
  );
}

/** The batch's inputs scored by the run's version with the top reasons and graded, its challenger's in shadow. */
async function scoreInputs(
  db: Database,
  scope: TenantScope,
  cache: ScorerCache,
  inputs: ExposureInputs[],
  run: ScoringRun,
  { masterScale }: BatchContext,
): Promise<BatchScoring> {
  const bands = gradeBands(masterScale);
  const { scorer, reference } = await cache.get(db, scope, run.modelVersionId);
  const started = performance.now();
  const table = inputsTable(inputs, scorer.requiredColumns, tableBytes);
  let scores = NO_SCORES;
  let monitorCounts: MonitorCounts | undefined;
  if (table.rowCount > 0) {
    // The digests are worked out on this thread while the scorer's thread (or the trees' explaining
    // threads) work on the table, instead of before they start.
    const scoring = scorer.score(table, { reasons: TOP_REASONS });
    const inputHash = inputHashes(table);
    const result = await scoring;
    monitorCounts = countBatch(reference, table, result.pd);
    const grade = new Array<string>(result.n);
    for (let r = 0; r < result.n; r++) grade[r] = gradeOf(bands, result.pd[r]!);
    // The scorer's arrays as they are: its units' places in scorer.units (the run keeps that list
    // once) and their shares, TOP_REASONS slots a row, a negative unit ending a row's list early; the
    // reason in words is the version's label, looked up when read.
    const reasons = result.reasons!;
    scores = {
      count: result.n,
      pd: result.pd,
      grade,
      inputHash,
      reasonsPerScore: reasons.k,
      reasonCodes: reasons.unit,
      reasonValues: reasons.contribution,
    };
  }
  // The scorer has done with the table (a thread scoring it was sent a copy), and nothing here reads it again.
  releaseTable(table, tableBytes);
  // The challenger scores the same exposures in shadow (its own columns, no explanation).
  let challengerScores: { exposureId: string; pd: number; grade: string }[] | undefined;
  if (run.challengerVersionId && inputs.length > 0) {
    const challenger = (await cache.get(db, scope, run.challengerVersionId)).scorer;
    const shadow = await challenger.score(inputsTable(inputs, challenger.requiredColumns), { reasons: 0 });
    challengerScores = inputs.map((input, r) => ({
      exposureId: input.exposureId,
      pd: shadow.pd[r]!,
      grade: gradeOf(bands, shadow.pd[r]!),
    }));
  }
  return { scores, reasonUnits: scorer.units, scoreMs: performance.now() - started, monitorCounts, challengerScores };
}
