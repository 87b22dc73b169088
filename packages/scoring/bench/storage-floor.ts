// The storage floor of a re-scoring run, a REFERENCE for the bench and never a product path: the same
// run machinery (plan, batch ledger, read by COPY, one binary COPY into the run's partition, figures per
// grade, seal: both indexes and the attach) with the model step replaced by precomputed output. The
// output is a real run's own scores (its first batch's PD, grade, input hash and reasons, repeated by
// position), so the rows have the real run's shape and widths and the PD index sorts real values.
import pg from 'pg';
import type { BatchScoring, ExposureInputs, ScoreToWrite } from '@probity/db';

export interface PrecomputedScore {
  pd: number;
  grade: string;
  inputHash: string;
  reasonCodes: Int32Array;
  reasonValues: Float64Array;
}

/** The run's scores to reuse and its unit list (which their reason codes index). */
export interface PrecomputedRun {
  scores: PrecomputedScore[];
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
    return {
      reasonUnits: run.rows[0]!.units,
      scores: rows.map((r) => ({
        pd: r.pd,
        grade: r.grade,
        inputHash: r.hash,
        reasonCodes: Int32Array.from(r.codes),
        reasonValues: Float64Array.from(r.values),
      })),
    };
  } finally {
    await client.end();
  }
}

/** withScoringBatch's callback for the floor: every exposure read gets the precomputed score of its position. */
export function floorBatch({ scores: output, reasonUnits }: PrecomputedRun): (inputs: ExposureInputs[]) => Promise<BatchScoring> {
  return async (inputs) => {
    const started = performance.now();
    const scores: ScoreToWrite[] = new Array<ScoreToWrite>(inputs.length);
    for (let r = 0; r < inputs.length; r++) {
      const o = output[r % output.length]!;
      scores[r] = {
        exposureId: inputs[r]!.exposureId,
        obligorId: inputs[r]!.obligorId,
        inputHash: o.inputHash,
        pd: o.pd,
        grade: o.grade,
        reasonCodes: o.reasonCodes,
        reasonValues: o.reasonValues,
      };
    }
    return { scores, reasonUnits, scoreMs: performance.now() - started };
  };
}
