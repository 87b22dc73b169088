/**
 * Refitting the trees on every non-test row. Early stopping needs rows the trees do not learn from,
 * but those rows (a fifth of the development data by default) are then lost to the model; on small
 * files with few defaults that costs more than any setting. Standard practice: once the validation
 * rows have chosen the number of trees, train again on training and validation rows together, with
 * that number scaled by the row ratio (more rows per tree step take proportionally more steps to fit
 * to the same depth), same settings and seed.
 */
import type { BoostRows } from './boost.ts';

/** How the refit sizes its ensemble: `scaled` by the row ratio, the `same` count, or no refit (`off`). */
export type GbdtRefit = 'scaled' | 'same' | 'off';

/** Trees for the refit: the count early stopping chose, scaled by rows(train + validation) / rows(train). */
export function refitTreeCount(chosen: number, trainRows: number, allRows: number, mode: Exclude<GbdtRefit, 'off'>): number {
  if (mode === 'same') return chosen;
  return Math.max(1, Math.round((chosen * allRows) / Math.max(trainRows, 1)));
}

/** Training rows followed by validation rows, as one set for boosting. */
export function joinRows(a: BoostRows, b: BoostRows, features: number): BoostRows {
  const values = new Float64Array((a.rows + b.rows) * features);
  values.set(a.values.subarray(0, a.rows * features), 0);
  values.set(b.values.subarray(0, b.rows * features), a.rows * features);
  const labels = new Uint8Array(a.rows + b.rows);
  labels.set(a.labels.subarray(0, a.rows), 0);
  labels.set(b.labels.subarray(0, b.rows), a.rows);
  return { values, rows: a.rows + b.rows, labels };
}
