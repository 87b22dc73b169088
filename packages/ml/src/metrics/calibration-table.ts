// Per-bucket counts, defaults and PD summaries shared by the decile, grade and
// Hosmer-Lemeshow tables.
import { bucketOf, equalCountEdges } from './buckets.ts';
import { sortedCopy } from './sorted.ts';
import { checkCount, labelsWithPd } from './validate.ts';

export interface CalibrationRow {
  bucket: string;
  count: number;
  defaults: number;
  meanPd: number;
  observedRate: number;
  /** Smallest PD in the bucket. */
  lowerPd: number;
  /** Largest PD in the bucket. */
  upperPd: number;
}

/** Rows for buckets 0..buckets-1 given each row's bucket; empty buckets are left out. */
export function tabulate(
  y: Uint8Array,
  p: Float64Array,
  bucketOfRow: Int32Array,
  buckets: number,
  nameOf: (bucket: number) => string,
): { bucketIndex: number; row: CalibrationRow }[] {
  const count = new Float64Array(buckets);
  const defaults = new Float64Array(buckets);
  const sumPd = new Float64Array(buckets);
  const minPd = new Float64Array(buckets).fill(Infinity);
  const maxPd = new Float64Array(buckets).fill(-Infinity);
  for (let i = 0; i < y.length; i++) {
    const b = bucketOfRow[i]!;
    const pd = p[i]!;
    count[b]! += 1;
    defaults[b]! += y[i]!;
    sumPd[b]! += pd;
    if (pd < minPd[b]!) minPd[b] = pd;
    if (pd > maxPd[b]!) maxPd[b] = pd;
  }
  const rows: { bucketIndex: number; row: CalibrationRow }[] = [];
  for (let b = 0; b < buckets; b++) {
    const n = count[b]!;
    if (n === 0) continue;
    rows.push({
      bucketIndex: b,
      row: {
        bucket: nameOf(b),
        count: n,
        defaults: defaults[b]!,
        meanPd: sumPd[b]! / n,
        observedRate: defaults[b]! / n,
        lowerPd: minPd[b]!,
        upperPd: maxPd[b]!,
      },
    });
  }
  return rows;
}

export function equalCountTable(y: Uint8Array, p: Float64Array, groups: number): CalibrationRow[] {
  const edges = equalCountEdges(sortedCopy(p), groups);
  const bucketOfRow = new Int32Array(p.length);
  for (let i = 0; i < p.length; i++) bucketOfRow[i] = bucketOf(edges, p[i]!);
  return tabulate(y, p, bucketOfRow, edges.length, (b) => String(b + 1)).map((r) => r.row);
}

/**
 * Calibration by deciles of predicted PD (bucket "1" has the lowest PDs). Buckets hold equal
 * counts except that equal PDs always share a bucket, so heavily tied PDs give fewer rows.
 */
export function calibrationByDecile(labels: ArrayLike<number>, pd: ArrayLike<number>): CalibrationRow[] {
  const { y, p } = labelsWithPd(labels, pd);
  return equalCountTable(y, p, 10);
}

/** Same table with a chosen number of equal-count groups. */
export function calibrationByQuantile(labels: ArrayLike<number>, pd: ArrayLike<number>, groups: number): CalibrationRow[] {
  checkCount('groups', groups, 1);
  const { y, p } = labelsWithPd(labels, pd);
  return equalCountTable(y, p, groups);
}
