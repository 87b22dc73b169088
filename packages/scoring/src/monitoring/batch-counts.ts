// A batch's PDs and inputs counted into the reference's bins. Counts add up across batches, so the
// run's PSI and CSI need no second pass over a million exposures.
import { cellLevel, countCategorical, countNumeric, type ProfileCounts, type Table } from '@probity/ml';
import type { MonitoringReference } from './reference.ts';

export interface MonitorCounts {
  score: ProfileCounts | null;
  features: Record<string, ProfileCounts>;
}

export function countBatch(reference: MonitoringReference, table: Table, pd: ArrayLike<number>): MonitorCounts {
  const features: Record<string, ProfileCounts> = {};
  for (const profile of reference.features ?? []) {
    const column = table.columns.find((c) => c.name === profile.feature);
    if (!column) continue;
    if (profile.kind === 'numeric') {
      // A text cell in a numeric column is no number the model can use: counted as missing.
      features[profile.feature] = countNumeric(profile, column.numbers.subarray(0, table.rowCount));
    } else {
      features[profile.feature] = countCategorical(
        profile,
        Array.from({ length: table.rowCount }, (_, r) => cellLevel(column, r)),
      );
    }
  }
  return { score: reference.score ? countNumeric(reference.score, pd) : null, features };
}

/** Sums batches' counts (a batch may lack a feature the others have: it counted none). */
export function sumCounts(batches: readonly MonitorCounts[]): MonitorCounts {
  const add = (a: ProfileCounts | undefined | null, b: ProfileCounts): ProfileCounts => (a ? a.map((v, i) => v + (b[i] ?? 0)) : [...b]);
  const total: MonitorCounts = { score: null, features: {} };
  for (const batch of batches) {
    if (batch.score) total.score = add(total.score, batch.score);
    for (const [feature, counts] of Object.entries(batch.features)) total.features[feature] = add(total.features[feature], counts);
  }
  return total;
}
