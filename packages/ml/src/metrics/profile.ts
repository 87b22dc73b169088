// A population's distribution kept small enough to store with a model version (bin edges and shares),
// so later samples can be compared with it (PSI of scores, CSI of features) without the training rows.
// Counting a sample against a profile gives additive counts: batches of a scoring run can be counted
// separately and summed.
import { equalCountEdges } from './buckets.ts';
import { contribution } from './psi.ts';
import { lowerBound } from './sorted.ts';
import { checkCount } from './validate.ts';

export interface NumericProfile {
  feature: string;
  kind: 'numeric';
  /** Interior cut points: bins (-inf, e1], (e1, e2], ..., (ek, inf), as psi's equal-count bins. */
  edges: number[];
  /** Share of all rows per bin (edges.length + 1 of them); with missingShare they sum to 1. */
  shares: number[];
  missingShare: number;
}

export interface CategoricalProfile {
  feature: string;
  kind: 'categorical';
  /** Levels seen, most frequent first (equal counts in code-unit order). */
  levels: string[];
  shares: number[];
  missingShare: number;
}

export type FeatureProfile = NumericProfile | CategoricalProfile;

export interface PopulationProfile {
  rows: number;
  /** The PDs of the population. */
  score: NumericProfile;
  features: FeatureProfile[];
}

/** Counts of a sample against a profile: bins, then (categorical) the unseen levels, then missing. */
export type ProfileCounts = number[];

export interface StabilityBin {
  label: string;
  expectedShare: number;
  actualShare: number;
  contribution: number;
}

export interface Stability {
  index: number;
  bins: StabilityBin[];
}

export function profileNumeric(feature: string, values: ArrayLike<number>, bins = 10): NumericProfile {
  checkCount('bins', bins, 1);
  const n = values.length;
  if (n === 0) throw new RangeError(`${feature}: cannot profile an empty sample`);
  let count = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) count++;
  const present = new Float64Array(count);
  for (let i = 0, k = 0; i < n; i++) if (!Number.isNaN(values[i]!)) present[k++] = values[i]!;
  present.sort();
  const edges = Array.from(equalCountEdges(present, bins).slice(0, -1));
  const profile: NumericProfile = { feature, kind: 'numeric', edges, shares: [], missingShare: 0 };
  const counts = countNumeric(profile, values);
  profile.shares = counts.slice(0, -1).map((c) => c / n);
  profile.missingShare = counts.at(-1)! / n;
  return profile;
}

/** levels: one per row, null where missing. */
export function profileCategorical(feature: string, levels: readonly (string | null)[]): CategoricalProfile {
  const n = levels.length;
  if (n === 0) throw new RangeError(`${feature}: cannot profile an empty sample`);
  const counts = new Map<string, number>();
  let missing = 0;
  for (const level of levels) {
    if (level === null) missing++;
    else counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  const sorted = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  return { feature, kind: 'categorical', levels: sorted, shares: sorted.map((l) => counts.get(l)! / n), missingShare: missing / n };
}

export function countNumeric(profile: NumericProfile, values: ArrayLike<number>): ProfileCounts {
  const edges = Float64Array.from(profile.edges);
  const counts = new Array<number>(edges.length + 2).fill(0);
  const missing = edges.length + 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    counts[Number.isNaN(v) ? missing : lowerBound(edges, v)]! += 1;
  }
  return counts;
}

export function countCategorical(profile: CategoricalProfile, levels: readonly (string | null)[]): ProfileCounts {
  const index = new Map(profile.levels.map((l, i) => [l, i]));
  const unseen = profile.levels.length;
  const counts = new Array<number>(unseen + 2).fill(0);
  for (const level of levels) counts[level === null ? unseen + 1 : (index.get(level) ?? unseen)]! += 1;
  return counts;
}

/** Adds b into a (same profile): batch counts summed into a run's. */
export function addCounts(a: ProfileCounts, b: ProfileCounts): ProfileCounts {
  if (a.length !== b.length) throw new RangeError(`counts of different profiles: ${a.length} bins and ${b.length} bins`);
  return a.map((v, i) => v + b[i]!);
}

function fmt(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/**
 * PSI of the counted sample against the profile (the CSI when the profile is a feature's): the same
 * sum as psi(), with a share of 0 taken as EMPTY_BIN_SHARE; a missing or unseen bin that both sides
 * leave empty is left out.
 */
export function stabilityOf(profile: FeatureProfile, counts: ProfileCounts): Stability {
  const width = (profile.kind === 'numeric' ? profile.edges.length + 1 : profile.levels.length + 1) + 1;
  if (counts.length !== width) throw new RangeError(`${profile.feature}: expected ${width} counts for the profile, got ${counts.length}`);
  const total = counts.reduce((s, c) => s + c, 0);
  if (total === 0) throw new RangeError(`${profile.feature}: the sample is empty`);
  const rows: { label: string; e: number; optional: boolean }[] = [];
  if (profile.kind === 'numeric') {
    const { edges } = profile;
    profile.shares.forEach((e, b) => {
      const lower = b === 0 ? '-inf' : fmt(edges[b - 1]!);
      const upper = b === edges.length ? 'inf)' : `${fmt(edges[b]!)}]`;
      rows.push({ label: `(${lower}, ${upper}`, e, optional: false });
    });
  } else {
    profile.levels.forEach((level, i) => rows.push({ label: level, e: profile.shares[i]!, optional: false }));
    rows.push({ label: 'other/unseen', e: 0, optional: true });
  }
  rows.push({ label: 'missing', e: profile.missingShare, optional: true });
  let index = 0;
  const bins: StabilityBin[] = [];
  rows.forEach((row, i) => {
    const actualShare = counts[i]! / total;
    if (row.optional && row.e === 0 && actualShare === 0) return;
    const c = contribution(row.e, actualShare);
    index += c;
    bins.push({ label: row.label, expectedShare: row.e, actualShare, contribution: c });
  });
  return { index, bins };
}

export type TrafficLight = 'GREEN' | 'AMBER' | 'RED';

/** The usual reading of a PSI or CSI: below 0.1 stable, 0.1 to 0.25 watch, 0.25 and above shifted. */
export function trafficLight(index: number): TrafficLight {
  if (index < 0.1) return 'GREEN';
  if (index < 0.25) return 'AMBER';
  return 'RED';
}
