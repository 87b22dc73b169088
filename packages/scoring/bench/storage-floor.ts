// The storage floor of a re-scoring run, a REFERENCE for the bench and never a product path: the same
// run machinery (plan, batch ledger, read by COPY, one binary COPY into the run's partition, figures per
// grade, seal: both indexes and the attach) with the model step replaced by precomputed output. The
// output is a real run's own scores (its first batch's PD, grade, input hash and reasons, repeated by
// position), so the rows have the real run's shape and widths and the PD index sorts real values.
import pg from 'pg';
import { INPUT_HASH_BYTES, type BatchScores, type BatchScoring, type ExposureInputs } from '@probity/db';

/** The run's scores to reuse (column-wise, as a batch's scorer returns them) and its unit list (which their reason codes index). */
export interface PrecomputedRun {
  scores: BatchScores;
  reasonUnits: string[];
}

/** The first `count` scores of a finished run (by exposure id), read as the floor's output. */
export async function precomputedScores(url: string, runId: string, count: number): Promise<PrecomputedRun> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pd: number; grade: string; hash: string; codes: number[]; values: number[] }>(
      `SELECT pd, grade, encode(input_hash, 'hex') AS hash, reason_codes AS codes, reason_values AS values
         FROM scores WHERE run_id = $1 ORDER BY exposure_id LIMIT $2`,
      [runId, count],
    );
    if (rows.length === 0) throw new Error(`storage floor: run ${runId} has no scores to reuse`);
    const run = await client.query<{ units: string[] }>('SELECT reason_units AS units FROM scoring_runs WHERE id = $1', [runId]);
    const k = Math.max(...rows.map((r) => r.codes.length));
    const scores: BatchScores = {
      count: rows.length,
      pd: Float64Array.from(rows, (r) => r.pd),
      grade: rows.map((r) => r.grade),
      inputHash: new Uint8Array(Buffer.from(rows.map((r) => r.hash).join(''), 'hex')),
      reasonsPerScore: k,
      reasonCodes: new Int32Array(rows.length * k).fill(-1),
      reasonValues: new Float64Array(rows.length * k),
    };
    rows.forEach((r, i) => {
      scores.reasonCodes.set(r.codes, i * k);
      scores.reasonValues.set(r.values, i * k);
    });
    return { reasonUnits: run.rows[0]!.units, scores };
  } finally {
    await client.end();
  }
}

/** The first `n` of `count` scores repeated by position (score r is score r mod count). */
function repeated(from: BatchScores, n: number): BatchScores {
  if (n === from.count) return from;
  const k = from.reasonsPerScore;
  const out: BatchScores = {
    count: n,
    pd: new Float64Array(n),
    grade: new Array<string>(n),
    inputHash: new Uint8Array(n * INPUT_HASH_BYTES),
    reasonsPerScore: k,
    reasonCodes: new Int32Array(n * k),
    reasonValues: new Float64Array(n * k),
  };
  for (let r = 0; r < n; r++) {
    const o = r % from.count;
    out.pd[r] = from.pd[o]!;
    (out.grade as string[])[r] = from.grade[o]!;
    out.inputHash.set(from.inputHash.subarray(o * INPUT_HASH_BYTES, (o + 1) * INPUT_HASH_BYTES), r * INPUT_HASH_BYTES);
    out.reasonCodes.set(from.reasonCodes.subarray(o * k, o * k + k), r * k);
    out.reasonValues.set(from.reasonValues.subarray(o * k, o * k + k), r * k);
  }
  return out;
}

/** withScoringBatch's callback for the floor: every exposure read gets the precomputed score of its position. */
export function floorBatch({ scores: output, reasonUnits }: PrecomputedRun): (inputs: ExposureInputs[]) => Promise<BatchScoring> {
  return async (inputs) => {
    const started = performance.now();
    const scores = repeated(output, inputs.length);
    return { scores, reasonUnits, scoreMs: performance.now() - started };
  };
}
