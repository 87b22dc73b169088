// Equal-count bucketing that never splits a run of equal values: bucket k holds the values up
// to and including the one at sorted position floor(k * n / groups) - 1, so every tied value
// lands in the same bucket (and heavily tied data yields fewer, larger buckets).
import { lowerBound } from './sorted.ts';

/** Ascending, distinct upper edges; the last is the maximum of the sorted values. */
export function equalCountEdges(sorted: Float64Array, groups: number): Float64Array {
  const n = sorted.length;
  const edges: number[] = [];
  for (let k = 1; k <= groups; k++) {
    const cut = Math.floor((k * n) / groups);
    if (cut === 0) continue;
    const edge = sorted[cut - 1]!;
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return Float64Array.from(edges);
}

/** Index of the bucket (value <= edge, above the previous edge) holding value. */
export function bucketOf(edges: Float64Array, value: number): number {
  return lowerBound(edges, value);
}
