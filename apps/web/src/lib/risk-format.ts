// How risk figures read on the page: amounts compact with their standard error, levels as percent.
import { formatCompact, formatPercent } from './format.ts';

export interface EstimateLike {
  value: number;
  standardError: number;
}

/** "1.23M ± 4.5k" */
export function formatEstimate(estimate: EstimateLike): string {
  return `${formatCompact(estimate.value)} ± ${formatCompact(estimate.standardError)}`;
}

/** Relative standard error as a percent, "0.8%". */
export function relativeError(estimate: EstimateLike): string {
  return estimate.value === 0 ? '–' : formatPercent(estimate.standardError / Math.abs(estimate.value), 2);
}

/** 0.999 -> "99.9%" */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toFixed(2))}%`;
}

export function formatPd(pd: number): string {
  return formatPercent(pd, 2);
}

/** Histogram bins as chart points: bin middle, probability, P(L > left edge). */
export function histogramPoints(histogram: { edges: number[]; probability: number[]; exceedance: number[] }) {
  return histogram.probability.map((probability, k) => ({
    from: histogram.edges[k]!,
    to: histogram.edges[k + 1]!,
    probability,
    exceedance: histogram.exceedance[k]!,
  }));
}

/** A risk limit's kind as the page names it. */
export const limitKindLabel = (kind: string) => (kind === 'SECTOR' ? 'Sector' : 'Single name');
