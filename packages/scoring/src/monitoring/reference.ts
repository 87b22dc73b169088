// What a model version's scores and inputs are compared with: the training population stored in its
// validation report ("population": PDs and every input column as bins and shares, since issue 10).
// Versions trained before that have only the report's PSI of test against training PDs ("stability"),
// whose bins are the training PDs' deciles: enough for the PSI of scores, not for CSI.
import type { JsonValue } from '@probity/db';
import type { FeatureProfile, NumericProfile } from '@probity/ml';

export interface MonitoringReference {
  score: NumericProfile | null;
  /** Null when the version stores no training feature distribution. */
  features: FeatureProfile[] | null;
  source: 'training-population' | 'validation-report-stability' | 'none';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));

function numericProfile(v: unknown): NumericProfile | null {
  if (!isObj(v) || v.kind !== 'numeric' || typeof v.feature !== 'string') return null;
  if (!isNumbers(v.edges) || !isNumbers(v.shares) || typeof v.missingShare !== 'number') return null;
  if (v.shares.length !== v.edges.length + 1) return null;
  return { feature: v.feature, kind: 'numeric', edges: v.edges, shares: v.shares, missingShare: v.missingShare };
}

function featureProfile(v: unknown): FeatureProfile | null {
  if (isObj(v) && v.kind === 'categorical') {
    const { feature, levels, shares, missingShare } = v;
    if (typeof feature !== 'string' || !Array.isArray(levels) || !levels.every((l) => typeof l === 'string')) return null;
    if (!isNumbers(shares) || shares.length !== levels.length || typeof missingShare !== 'number') return null;
    return { feature, kind: 'categorical', levels: levels, shares, missingShare };
  }
  return numericProfile(v);
}

function fromPopulation(v: unknown): MonitoringReference | null {
  if (!isObj(v) || !Array.isArray(v.features)) return null;
  const score = numericProfile(v.score);
  const features = v.features.map(featureProfile);
  if (!score || features.some((f) => f === null)) return null;
  return { score, features: features as FeatureProfile[], source: 'training-population' };
}

/** The stored PSI's bins (JSON: infinite bounds written as null, the missing bin labelled "missing"). */
function fromStability(v: unknown): MonitoringReference | null {
  if (!isObj(v) || !Array.isArray(v.bins)) return null;
  const bins = v.bins.filter(isObj);
  const ranged = bins.filter((b) => b.label !== 'missing');
  const missing = bins.find((b) => b.label === 'missing');
  const edges = ranged.slice(0, -1).map((b) => b.upper);
  const shares = ranged.map((b) => b.expectedShare);
  if (ranged.length === 0 || !isNumbers(edges) || !isNumbers(shares)) return null;
  const missingShare = typeof missing?.expectedShare === 'number' ? missing.expectedShare : 0;
  return { score: { feature: 'pd', kind: 'numeric', edges, shares, missingShare }, features: null, source: 'validation-report-stability' };
}

export function monitoringReference(validationReport: JsonValue | null): MonitoringReference {
  const report: unknown = validationReport;
  if (isObj(report)) {
    const found = fromPopulation(report.population) ?? fromStability(report.stability);
    if (found) return found;
  }
  return { score: null, features: null, source: 'none' };
}
