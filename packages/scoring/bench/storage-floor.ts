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
  reasonFeatures: string[];
  reasonValues: Float64Array;
}

/** The first `count` scores of a finished run (by exposure id), read as the floor's output. */
export async function precomputedScores(url: string, runId: string, count: number): Promise<PrecomputedScore[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pd: number; grade: string; hash: string; features: string[]; values: number[] }>(
      `SELECT pd, grade, encode(input_hash, 'hex') AS hash, reason_features AS features, reason_values AS values
         FROM scores WHERE run_id = $1 ORDER BY exposure_id LIMIT $2`,
      [runId, count],
    );
    if (rows.length === 0) throw new Error(`storage floor: run ${runId} has no scores to reuse`);
    return rows.map((r) => ({
      pd: r.pd,
      grade: r.grade,
      inputHash: r.hash,
      reasonFeatures: r.features,
      reasonValues: Float64Array.from(r.values),
    }));
  } finally {
    await client.end();
  }
}

/** withScoringBatch's callback for the floor: every exposure read gets the precomputed score of its position. */
export function floorBatch(output: readonly PrecomputedScore[]): (inputs: ExposureInputs[]) => Promise<BatchScoring> {
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
        reasonFeatures: o.reasonFeatures,
        reasonValues: o.reasonValues,
      };
    }
    return { scores, scoreMs: performance.now() - started };
  };
}
