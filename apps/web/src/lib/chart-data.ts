// Turns the API's exact decimal strings into the plain numbers charts plot (display only: sums and
// shares were computed exactly by the database).
import type { Breakdown, SnapshotPoint, TopObligor } from '../api/documents/portfolios.ts';

export interface BreakdownDatum {
  label: string;
  ead: number;
  share: number;
  exposureCount: number;
}

/** Largest first, so bars read top-down by size. */
export function breakdownData(rows: readonly Breakdown[], label: (key: string) => string = (key) => key): BreakdownDatum[] {
  return rows
    .map((row) => ({ label: label(row.key), ead: Number(row.ead), share: Number(row.share), exposureCount: row.exposureCount }))
    .sort((a, b) => b.ead - a.ead);
}

export function topObligorData(rows: readonly TopObligor[]): BreakdownDatum[] {
  return rows.map((row) => ({ label: row.obligor.name, ead: Number(row.ead), share: Number(row.share), exposureCount: row.exposureCount }));
}

/** Oldest first, one point per snapshot. */
export function trendData(snapshots: readonly SnapshotPoint[]) {
  return [...snapshots]
    .sort((a, b) => a.asOf.localeCompare(b.asOf))
    .map((snapshot) => ({
      asOf: snapshot.asOf,
      totalEad: Number(snapshot.totalEad),
      totalLimit: Number(snapshot.totalLimit),
      defaultedEad: Number(snapshot.defaultedEad),
    }));
}
