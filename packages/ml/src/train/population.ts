// The training population as stored with a model version: the PDs' and every input column's
// distribution on the training rows (equal-count bins, or levels), for monitoring PSI and CSI later.
import { cellLevel, findColumn, type Table } from '../data/table.ts';
import { profileCategorical, profileNumeric, type FeatureProfile, type PopulationProfile } from '../metrics/profile.ts';
import type { PipelineState } from '../pipeline/types.ts';

export function trainingPopulation(table: Table, pipeline: PipelineState, rows: Int32Array, pd: ArrayLike<number>): PopulationProfile {
  const categorical = new Set(pipeline.categorical.map((c) => c.name));
  const features: FeatureProfile[] = [];
  for (const name of pipeline.columns) {
    const column = findColumn(table, name);
    if (!column) continue;
    if (categorical.has(name)) {
      features.push(
        profileCategorical(
          name,
          Array.from(rows, (r) => cellLevel(column, r)),
        ),
      );
    } else {
      // A plain loop: Float64Array.from with a mapping function calls it per row, several times slower.
      const values = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) values[i] = column.numbers[rows[i]!]!;
      features.push(profileNumeric(name, values));
    }
  }
  return { rows: rows.length, score: profileNumeric('pd', pd), features };
}
