// One batch of a scoring run, in one transaction: lock the batch row (a second job for the same batch,
// say one that outlived its expiry, waits here and then finds it done), read every exposure's latest
// features and its obligor's by COPY, let the caller score them, COPY the scores straight into the run's
// own partition of `scores` (unindexed while the run writes: see run-scores.ts; for a large run, the
// batch's part of it, run-score-parts.ts), mark the batch done with its figures per grade, index its part
// if it completes it, and add its counts to the run, finishing the run (its figures per grade, and its
// partition sealed: indexes built, the primary key proving one score per run and exposure, attached)
// with the last batch (only while the run is RUNNING: a run failed meanwhile stays FAILED). A crash
// anywhere rolls it all back. The run and the master scale come in one round trip; each score's ids are
// written back as the bytes the read returned, and its place in the read is its input's (BatchScores).
import type pg from 'pg';
import type { Database } from '../client.ts';
import type { MasterScaleGrade } from '../domain/models.ts';
import type { FeatureLevel } from '../domain/features.ts';
import type { BatchScores, ExposureInputs, ScoringRun } from '../domain/scoring.ts';
import { InputError, NotFoundError } from '../errors.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';
import { BytePool } from '../bulk/byte-pool.ts';
import { CopyBinaryReader, CopyBinaryWriter, Float64Slab, copyBinaryIn, copyBinaryOut, uuidMemo, uuidTextAt } from '../bulk/copy-binary.ts';
import { gradeSumsOf, recordRunGrades, type ExposureMoney } from './batch-grade-sums.ts';
import { RUN_COLUMNS, toScoringRun, type RunRow } from './scoring-rows.ts';
import { runScoresPart, runScoresTable, sealRunScores, sealRunScoresPart } from './run-scores.ts';
import { batchesOfPart, partOfBatch } from './run-score-parts.ts';
import { FEATURE_SUBJECTS } from '../features/feature-tables.ts';

/** The length of each digest in BatchScores.inputHash (SHA-256). */
export const INPUT_HASH_BYTES = 32;

export interface BatchScoring {
  /** One score per input the callback was given, in their order. */
  scores: BatchScores;
  /** The model version's explanation units, in the order the scores' reason codes index (kept once, on the run). */
  reasonUnits: readonly string[];
  scoreMs: number;
  /** The batch's PDs and inputs counted into the training bins (monitoring), stored with the batch. */
  monitorCounts?: unknown;
  /** The run's challenger's shadow scores of the same exposures. */
  challengerScores?: { exposureId: string; pd: number; grade: string }[];
}

/** What the batch's transaction read for the scorer besides the inputs. */
export interface BatchContext {
  /** The organization's current master scale (its latest version), for grading; null if it has none. */
  masterScale: MasterScaleGrade[] | null;
}

export interface BatchOutcome {
  /** The batch was done already (by another job): nothing written. */
  skipped: boolean;
  scored: number;
  run: ScoringRun;
}

type Side = ExposureInputs['exposure'];

function side(loadId: string | null, values: Float64Array | null, texts: string | null): Side {
  if (loadId === null || values === null) return null;
  const columns = loadColumns.get(loadId) ?? [];
  // The row's own array when it has exactly the load's columns (the usual case): no second copy per row.
  const aligned = values.length === columns.length ? values : new Float64Array(columns.length);
  if (aligned !== values) aligned.set(values.length > columns.length ? values.subarray(0, columns.length) : values);
  return { columns, values: aligned, texts: texts === null ? null : (JSON.parse(texts) as Record<string, string>) };
}

// A feature load's columns, by load id, for the life of the process: loads are never updated (a new
// file is a new load) and their ids are unique, so an entry cannot go stale, and a batch of a run (every
// batch reads the same one or two loads) skips the round trip. Rows name a load only when they were
// read under the tenant's policy, so an entry is only ever used for its own tenant's rows.
const loadColumns = new Map<string, string[]>();

/**
 * A read row's inputs, its two ids kept as their place in the read stream and made text only when asked
 * for: the scores are written from the bytes (scoreRows), so a run's million rows make no id strings
 * unless something reads them (a challenger's shadow scores).
 */
class ReadRowInputs implements ExposureInputs {
  constructor(
    private readonly bytes: Buffer,
    private readonly exposureAt: number,
    private readonly obligorAt: number,
    readonly exposure: Side,
    readonly obligor: Side,
  ) {}

  get exposureId(): string {
    return uuidTextAt(this.bytes, this.exposureAt);
  }

  get obligorId(): string {
    return uuidTextAt(this.bytes, this.obligorAt);
  }
}

/**
 * The batch as read: the inputs (a row each), each row's EAD and LGD, and where each row's two ids lie
 * in the read stream; `release()` hands the stream's and the values' memory back to batchBytes.
 */
interface BatchRead {
  inputs: ExposureInputs[];
  money: ExposureMoney;
  ids: IdBytes;
  release: () => void;
}

/**
 * The batches' read streams, feature values and score streams, reused from batch to batch (see
 * BytePool): taken when a batch reads or writes, given back once its scores are sent. A worker runs a
 * few batches at once, each holding about four arrays.
 */
const batchBytes = new BytePool(16);

/** Where each read row's exposure and obligor id lie in `bytes`, the read stream (sixteen bytes each). */
interface IdBytes {
  bytes: Buffer;
  exposureAt: readonly number[];
  obligorAt: readonly number[];
}

/**
 * The batch read's SQL. Range scans on the primary keys, not a lookup per exposure: the batch's exposures
 * by (portfolio, id), their latest feature rows by exposure_id over the same id range (their obligors'
 * rows by key: see below). Each table also names the run's organization as a constant: the row-level-security policy
 * (`organization_id = probity_current_org()`) still applies, but the planner, seeing the column equal to
 * a constant, turns it into one comparison per table (a One-Time Filter) instead of a setting lookup and
 * uuid parse per row (a third of the read's server time at 5,000 rows).
 * Both id-ordered sides are walked backwards, so the join needs no sort: a merge of two index scans,
 * with the rows in descending id order (nothing downstream needs them ascending). Sorting both sides
 * cost the server about a quarter of the read. The planner takes the merge under BATCH_READ_SETTINGS.
 * A subject whose latest row is dated after the run (a run dated back) takes its newest older row from
 * the history instead. The history is read only then: its scan sits under a one-time filter of two
 * uncorrelated subqueries the server works out once per batch, the second only if the first holds:
 * whether the range has any history at all (an index probe), then whether any latest row in it is newer
 * than the run (a walk of the range's latest rows, about a millisecond for 5,000). So a run of today
 * over a year of monthly loads reads one feature row per subject, not twelve. Each is the first key in
 * key order, not an EXISTS: the planner drops an EXISTS's ORDER BY and, expecting many matches, scanned
 * the whole table for the first one in the range.
 * The obligors' rows are found by key, one index probe per obligor of the batch (`= ANY` of their ids,
 * gathered once per batch), not by joining the batch to the obligor tables: with nested loops off, that
 * join hashed the batch and scanned every obligor's row of the organization, every batch (a book of
 * 200,000 companies with ratios: 90 ms of three processes per batch of 5,000). An organization with
 * no obligor-level load (`obligorFeatures` false) has no obligor rows to read, and its batches do not
 * look for them: the columns are NULL.
 */
export function batchReadQuery(
  run: Pick<ScoringRun, 'organizationId' | 'portfolioId' | 'asOf'>,
  first: string,
  last: string,
  lit: (v: string) => string,
  { obligorFeatures }: { obligorFeatures: boolean },
): string {
  const range = `BETWEEN ${lit(first)}::uuid AND ${lit(last)}::uuid`;
  const day = `${lit(run.asOf)}::date`;
  const org = `organization_id = ${lit(run.organizationId)}::uuid`;
  const batch = `FROM exposures WHERE portfolio_id = ${lit(run.portfolioId)}::uuid AND id ${range} AND ${org}`;
  // The batch's obligors, as one array the WITH below works out once for every reference (the cast
  // makes it an array expression: `ANY ((SELECT ...))` alone would compare with each row of the subquery).
  const obligors = `= ANY ((SELECT ids FROM batch_obligors)::uuid[])`;
  // The subject's latest row when it is dated on or before the run, else its history's newest that is.
  const pick = (latest: string, past: string) => {
    const either = (column: string) => `CASE WHEN ${latest}.load_id IS NULL THEN ${past}.${column} ELSE ${latest}.${column} END`;
    return `${either('load_id')}, ${either('"values"')}, ${either('texts')}::text`;
  };
  const history = (level: FeatureLevel, where: string, order: string) => {
    const { table, history: past, key } = FEATURE_SUBJECTS[level];
    return `SELECT DISTINCT ON (${key}) ${key}, load_id, "values", texts FROM ${past}
       WHERE ${key} ${where} AND as_of <= ${day} AND ${org}
         AND (SELECT ${key} FROM ${past} WHERE ${key} ${where} AND ${org} ORDER BY ${key} LIMIT 1) IS NOT NULL
         AND (SELECT ${key} FROM ${table} WHERE ${key} ${where} AND as_of > ${day} AND ${org} ORDER BY ${key} LIMIT 1) IS NOT NULL
       ORDER BY ${key} ${order}, as_of DESC`;
  };
  const exposureSide = `SELECT b.id, b.obligor_id, ${pick('ef', 'eh')}`;
  const exposureJoins = `FROM (SELECT id, obligor_id, ead, lgd ${batch} ORDER BY id DESC) b
      LEFT JOIN (SELECT exposure_id, load_id, "values", texts FROM exposure_features
                  WHERE exposure_id ${range} AND as_of <= ${day} AND ${org} ORDER BY exposure_id DESC) ef ON ef.exposure_id = b.id
      LEFT JOIN (${history('EXPOSURE', range, 'DESC')}) eh ON eh.exposure_id = b.id`;
  const money = 'b.ead::text, b.lgd::float8';
  if (!obligorFeatures) return `${exposureSide}, NULL::uuid, NULL::float8[], NULL::text, ${money}\n      ${exposureJoins}`;
  return `WITH batch_obligors AS (SELECT ARRAY(SELECT obligor_id ${batch}) AS ids)
      ${exposureSide}, ${pick('obf', 'oh')}, ${money}
      ${exposureJoins}
      LEFT JOIN (SELECT obligor_id, load_id, "values", texts FROM obligor_features
                  WHERE obligor_id ${obligors} AND as_of <= ${day} AND ${org}) obf ON obf.obligor_id = b.obligor_id
      LEFT JOIN (${history('OBLIGOR', obligors, 'ASC')}) oh ON oh.obligor_id = b.obligor_id`;
}

/**
 * A batch's commit does not wait for its WAL to reach the disk (a run of a million made 200 such waits,
 * each holding the batch's connection and its slot: 1.5 to 2 s of the re-scoring bench's 10 to 12).
 * Nothing is lost by it. A server crash within the WAL writer's delay (up to 0.6 s) can undo the
 * batch's commit, and with it everything the batch did: its scores, its "done" mark and its counts on
 * the run, in one transaction. Its job is then not complete either: the job queue completes a job in a
 * later, synchronous commit, whose flush carries every WAL record before it, this batch's included. So
 * a batch is either durable and its job complete, or undone and its job run again (it finds its batch
 * not done and scores it). Only the batch: planning, on-demand scores and everything else keep the
 * server's setting.
 */
export const BATCH_COMMIT_SETTING = 'SET LOCAL synchronous_commit = off';

/**
 * Planner settings for the batch read, and their undoing (only this transaction sees them, and only the
 * read). With the default random_page_cost (4.0, a spinning disk's seek) the planner priced the ordered
 * walk of exposure_features above a bitmap scan plus two sorts that cost the server more: a range's rows
 * were written together (COPY, in id order) and are read in that order, on the SSDs and page cache this
 * runs on; 1.1 is the usual value for SSD storage. No nested loop: a batch's id range past the last
 * ANALYZE (new exposures) is estimated at one row, and a nested loop then walked every feature row of
 * the range once per exposure (13 s for a batch of 5,000 in a run of the re-scoring bench); a merge of
 * the two ordered walks costs the same whatever the estimate.
 */
export const BATCH_READ_SETTINGS = 'SET LOCAL random_page_cost = 1.1; SET LOCAL enable_nestloop = off';
const BATCH_READ_RESET = 'RESET random_page_cost; RESET enable_nestloop';

export async function readInputs(
  client: pg.ClientBase,
  run: ScoringRun,
  first: string,
  last: string,
  obligorFeatures: boolean,
): Promise<BatchRead> {
  const query = batchReadQuery(run, first, last, (v) => (client as pg.Client).escapeLiteral(v), { obligorFeatures });
  // Binary: the server formats no doubles as text and JavaScript parses none (with 30 to 100 features
  // per row, most of a text read); the feature values arrive as their eight bytes.
  const stream = await copyBinaryOut(client, query, batchBytes);
  const reader = new CopyBinaryReader(stream);
  // Column by column into plain arrays: no object or tuple per row before the inputs themselves (the
  // read's allocations were a large part of the batch's garbage collection), and a load's id decoded
  // once per batch rather than once per row.
  const exposureAt: number[] = [];
  const obligorAt: number[] = [];
  const eLoads: (string | null)[] = [];
  const eValues: (Float64Array | null)[] = [];
  const eTexts: (string | null)[] = [];
  const oLoads: (string | null)[] = [];
  const oValues: (Float64Array | null)[] = [];
  const oTexts: (string | null)[] = [];
  const eads: string[] = [];
  const lgds: number[] = [];
  const eMemo = uuidMemo();
  const oMemo = uuidMemo();
  const slab = new Float64Slab(65_536, batchBytes);
  for (let fields = reader.row(); fields >= 0; fields = reader.row()) {
    exposureAt.push(reader.valueOffset);
    reader.skip();
    obligorAt.push(reader.valueOffset);
    reader.skip();
    eLoads.push(reader.uuidRepeated(eMemo));
    eValues.push(reader.float8Array(slab));
    eTexts.push(reader.text());
    oLoads.push(reader.uuidRepeated(oMemo));
    oValues.push(reader.float8Array(slab));
    oTexts.push(reader.text());
    eads.push(reader.text()!);
    lgds.push(reader.float8()!);
  }
  if (loadColumns.size > 10_000) loadColumns.clear(); // before the lookups below, never between them
  const missing = new Set<string>();
  for (let r = 0; r < exposureAt.length; r++) {
    const e = eLoads[r]!;
    const o = oLoads[r]!;
    if (e !== null && !loadColumns.has(e)) missing.add(e);
    if (o !== null && !loadColumns.has(o)) missing.add(o);
  }
  if (missing.size > 0) {
    const loads = await client.query<{ id: string; columns: string[] }>(
      'SELECT id, columns FROM feature_loads WHERE id = ANY($1::uuid[])',
      [[...missing]],
    );
    for (const load of loads.rows) loadColumns.set(load.id, load.columns);
  }
  const bytes = reader.buffer;
  const inputs: ExposureInputs[] = exposureAt.map(
    (at, r) =>
      new ReadRowInputs(bytes, at, obligorAt[r]!, side(eLoads[r]!, eValues[r]!, eTexts[r]!), side(oLoads[r]!, oValues[r]!, oTexts[r]!)),
  );
  return {
    inputs,
    money: { ead: eads, lgd: lgds },
    ids: { bytes, exposureAt, obligorAt },
    release: () => {
      slab.release();
      batchBytes.give(stream.buffer);
    },
  };
}

// The model version and as-of are the run's, not repeated per score; reasons are codes into the run's units.
// The organization is sent, not left to the column's default (probity_current_org(), a setting lookup and
// a uuid parse per row: 0.45 s of the server's time a million rows, timed by COPY into a scratch table).
const SCORE_COLUMNS = 'run_id, organization_id, exposure_id, obligor_id, input_hash, pd, grade, reason_codes, reason_values';

/**
 * The batch's scores as one binary COPY stream, in a writer whose memory is batchBytes' (released by
 * the caller once sent); score r is for read row `rowOf[r]`, whose id bytes it copies.
 */
export function scoreRows(run: ScoringRun, scores: BatchScores, rowOf: Int32Array, ids: IdBytes): CopyBinaryWriter {
  // The run's and organization's ids encoded once, copied into every row.
  const runColumns = new CopyBinaryWriter(48).uuid(run.id).uuid(run.organizationId).encoded();
  const out = new CopyBinaryWriter(scores.count * 200, batchBytes);
  const { pd, grade, inputHash, reasonsPerScore: k, reasonCodes, reasonValues } = scores;
  for (let r = 0; r < scores.count; r++) {
    const row = rowOf[r]!;
    // A score's reasons end at its first negative code.
    const first = r * k;
    let n = 0;
    while (n < k && reasonCodes[first + n]! >= 0) n++;
    out
      .row(9)
      .raw(runColumns)
      .uuidBytes(ids.bytes, ids.exposureAt[row]!)
      .uuidBytes(ids.bytes, ids.obligorAt[row]!)
      .bytes(inputHash, r * INPUT_HASH_BYTES, INPUT_HASH_BYTES)
      .float8(pd[r]!)
      .text(grade[r]!)
      .int2Array(reasonCodes, first, n)
      .float8Array(reasonValues, first, n);
  }
  return out;
}

/** The callback's scores, checked for the shape the writer and the figures per grade read. */
export function checkScores(scores: BatchScores, inputs: number): void {
  const { count, reasonsPerScore: k } = scores;
  const wrong =
    count !== inputs
      ? `${count} scores for ${inputs} inputs`
      : scores.pd.length < count || scores.grade.length < count || scores.inputHash.length < count * INPUT_HASH_BYTES
        ? 'fewer PDs, grades or digests than scores'
        : !(Number.isInteger(k) && k >= 0) || scores.reasonCodes.length < count * k || scores.reasonValues.length < count * k
          ? `fewer reason slots than ${count} x ${k}`
          : null;
  if (wrong) throw new Error(`withScoringBatch: the batch's scores do not fit its inputs: ${wrong}`);
}

async function writeScores(
  client: pg.ClientBase,
  organizationId: string,
  run: ScoringRun,
  table: string,
  scores: BatchScores,
  reasonUnits: readonly string[],
  rowOf: Int32Array,
  ids: IdBytes,
): Promise<number> {
  if (scores.count === 0) return 0;
  // Straight into the run's partition by one binary COPY: no staging table and no INSERT ... SELECT, no
  // text for the server to parse, and no index to keep up row by row (the partition gets its indexes
  // by sort when the run ends). PostgreSQL refuses COPY FROM into a table with row-level security, and
  // the tenant role owns no partition, so this one statement runs as the session user (the owner) and
  // the role switches back right after. The tenant check holds by construction: organization_id is the
  // run's, the run was read under the policy and is checked here to be the transaction's tenant (exactly
  // what the policy's WITH CHECK compares), and the exposures are the ones just read under it.
  // Exactly once per batch: the batch row is locked and found not done in this transaction, which marks
  // it done, so a retried or expired job waits for this one and then skips; sealing builds the primary
  // key, which would fail the run's last batch on a second score for a (run, exposure).
  // A reason code is a smallint: a model with more units than that cannot be stored this way.
  if (run.organizationId.toLowerCase() !== organizationId.toLowerCase())
    throw new Error(`writeScores: run ${run.id} is not of organization ${organizationId}`);
  if (reasonUnits.length > 32_767) throw new InputError('reasonUnits', `has ${reasonUnits.length} units; at most 32,767 fit a reason code`);
  const rows = scoreRows(run, scores, rowOf, ids);
  await client.query(`SELECT set_config('role', 'none', true)`);
  await copyBinaryIn(client, `${table} (${SCORE_COLUMNS})`, rows.finish());
  // Sent and acknowledged by the server: the stream's memory serves the next batch. (On a failure it is
  // left to the collector: a socket may still hold it.)
  rows.release();
  await client.query(`SELECT set_config('role', 'probity_app', true)`);
  return scores.count;
}

/**
 * Builds the indexes of the batch's part of the run's partition when this batch completes it: the
 * part's batches take a lock of their own (held to commit) before counting the part's done batches, so
 * each sees every part-mate that counted before it as committed, and the last of them to count finds
 * all done and seals the part, in its own transaction (a crash undoes the seal with the batch). Before
 * the run row's update, whose lock every batch then waits for: a part's seal holds up no other part.
 */
async function sealPartIfComplete(client: pg.ClientBase, run: ScoringRun, part: number, perPart: number): Promise<void> {
  const { first, last } = batchesOfPart(part, perPart, run.batchCount);
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('probity_run_score_part'), hashtext($1 || ':' || $2))`, [run.id, part]);
  const open = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM scoring_batches WHERE run_id = $1 AND batch_no BETWEEN $2 AND $3 AND done_at IS NULL',
    [run.id, first, last],
  );
  if (open.rows[0]!.n === 0) await sealRunScoresPart(client, run.id, part);
}

/** A batch's run, with what its transaction reads besides (one round trip); throws when the run is not the tenant's. */
export async function runInBatch(
  client: pg.ClientBase,
  runId: string,
  organizationId: string,
): Promise<{ run: ScoringRun; context: BatchContext; perPart: number | null; obligorFeatures: boolean }> {
  // The run, the organization's current master scale and whether it has ever loaded obligor-level
  // features (loads are kept for the organization's life).
  const current = await client.query<
    RunRow & { master_scale: MasterScaleGrade[] | null; batches_per_part: number | null; obligor_features: boolean }
  >(
    `SELECT ${RUN_COLUMNS}, batches_per_part, (SELECT grades FROM master_scales WHERE organization_id = $2 ORDER BY version DESC LIMIT 1) AS master_scale,
            EXISTS (SELECT 1 FROM feature_loads WHERE organization_id = $2 AND level = 'OBLIGOR') AS obligor_features
       FROM scoring_runs WHERE id = $1`,
    [runId, organizationId],
  );
  const found = current.rows[0];
  if (!found) throw new NotFoundError('ScoringRun');
  return {
    run: toScoringRun(found),
    context: { masterScale: found.master_scale },
    perPart: found.batches_per_part,
    obligorFeatures: found.obligor_features,
  };
}

/** The read rows with features (the ones scored), and each one's row in the read (its score's place is its place there). */
export function rowsWithData(inputs: readonly ExposureInputs[]): { rowOf: Int32Array; withData: ExposureInputs[] } {
  const rowOf = new Int32Array(inputs.length);
  const withData: ExposureInputs[] = [];
  for (let row = 0; row < inputs.length; row++) {
    const input = inputs[row]!;
    if (input.exposure === null && input.obligor === null) continue;
    rowOf[withData.length] = row;
    withData.push(input);
  }
  return { rowOf, withData };
}

/**
 * Scores one batch of a run through `score` (see the file's head). The inputs `score` is given, their
 * ids and values included, are its own for the call only: their memory serves a later batch once the
 * scores are written, so `score` copies whatever it keeps (as the inputs table does).
 */
export async function withScoringBatch(
  db: Database,
  scope: TenantScope,
  runId: string,
  batchNo: number,
  score: (inputs: ExposureInputs[], run: ScoringRun, context: BatchContext) => Promise<BatchScoring>,
): Promise<BatchOutcome> {
  return withTenantClient(db, scope, async (client) => {
    const started = Date.now();
    const batch = await client.query<{ first_exposure_id: string; last_exposure_id: string; done_at: Date | null }>(
      'SELECT first_exposure_id, last_exposure_id, done_at FROM scoring_batches WHERE run_id = $1 AND batch_no = $2 AND organization_id = $3 FOR UPDATE',
      [runId, batchNo, scope.organizationId],
    );
    const row = batch.rows[0];
    if (!row) throw new NotFoundError('ScoringBatch');
    const { run, context, perPart, obligorFeatures } = await runInBatch(client, runId, scope.organizationId);
    const part = perPart === null ? null : partOfBatch(batchNo, perPart);
    if (row.done_at !== null || run.status !== 'RUNNING') return { skipped: true, scored: 0, run };

    await client.query(`${BATCH_COMMIT_SETTING}; ${BATCH_READ_SETTINGS}`);
    const { inputs, money, ids, release } = await readInputs(client, run, row.first_exposure_id, row.last_exposure_id, obligorFeatures);
    await client.query(BATCH_READ_RESET);
    const readMs = Date.now() - started;
    const { rowOf, withData } = rowsWithData(inputs);
    const scored = await score(withData, run, context);
    checkScores(scored.scores, withData.length);
    const writeStarted = Date.now();
    const table = part === null ? runScoresTable(run.id) : runScoresPart(run.id, part);
    const written = await writeScores(client, scope.organizationId, run, table, scored.scores, scored.reasonUnits, rowOf, ids);
    // The read's stream and values are done with (the inputs are the callback's for its call only).
    release();
    if (run.challengerVersionId && scored.challengerScores && scored.challengerScores.length > 0) {
      const shadow = scored.challengerScores;
      // Keyed (run, exposure, version): a second write of the batch adds nothing.
      await client.query(
        `INSERT INTO challenger_scores (run_id, exposure_id, model_version_id, organization_id, pd, grade)
         SELECT $1, e, $2, $3, p, g FROM unnest($4::uuid[], $5::float8[], $6::text[]) AS t(e, p, g)
         ON CONFLICT DO NOTHING`,
        [
          run.id,
          run.challengerVersionId,
          run.organizationId,
          shadow.map((c) => c.exposureId),
          shadow.map((c) => c.pd),
          shadow.map((c) => c.grade),
        ],
      );
    }
    const writeMs = Date.now() - writeStarted;
    await client.query(
      'UPDATE scoring_batches SET done_at = now(), ms = $3, monitor_counts = $4::jsonb, grade_sums = $5::jsonb WHERE run_id = $1 AND batch_no = $2',
      [
        runId,
        batchNo,
        Date.now() - started,
        scored.monitorCounts === undefined ? null : JSON.stringify(scored.monitorCounts),
        JSON.stringify(gradeSumsOf(scored.scores, rowOf, money)),
      ],
    );
    if (part !== null) await sealPartIfComplete(client, run, part, perPart!);
    // Only a run still RUNNING can succeed: the run was read unlocked above, so it may have been failed
    // since (a batch out of retries, a lost batch); a FAILED run stays FAILED, with its own finish time,
    // and this batch's scores stay with it like those of its other done batches.
    const updated = await client.query<RunRow>(
      `UPDATE scoring_runs SET batches_done = batches_done + 1, scored_count = scored_count + $2, skipped_count = skipped_count + $3,
              read_ms = read_ms + $4, score_ms = score_ms + $5, write_ms = write_ms + $6,
              reason_units = coalesce(reason_units, $7::text[]),
              status = CASE WHEN status = 'RUNNING' AND batches_done + 1 >= batch_count THEN 'SUCCEEDED'::"ScoringRunStatus" ELSE status END,
              finished_at = CASE WHEN status = 'RUNNING' AND batches_done + 1 >= batch_count THEN now() ELSE finished_at END
        WHERE id = $1 RETURNING ${RUN_COLUMNS}`,
      [runId, written, inputs.length - withData.length, readMs, Math.round(scored.scoreMs), writeMs, scored.reasonUnits],
    );
    const after = toScoringRun(updated.rows[0]!);
    // The last batch seals the run's partition and adds up the batches' figures per grade (every other
    // batch has committed: it updated the run row before us), so the overview never aggregates a
    // million scores on a page view.
    if (after.status === 'SUCCEEDED') {
      await sealRunScores(client, runId);
      await recordRunGrades(client, runId);
    }
    return { skipped: false, scored: written, run: after };
  });
}
