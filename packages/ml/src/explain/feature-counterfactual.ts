/**
 * Per-feature counterfactuals for one row: for each feature asked about, the value nearest to the
 * current one that, alone, brings the PD below a threshold (the lower edge of the row's grade, so
 * the row moves to the next better grade). Scored through the real scorer, so derived inputs follow.
 *
 * Where the model is piecewise constant in the feature (trees: `x < threshold`; logistic bins/WoE:
 * bin edges) the PD changes only at known breakpoints, so scoring one value either side of each
 * breakpoint (plus the range ends) visits every piece: the nearest candidate that works is exact.
 * Where it is continuous (logistic on linear inputs, deep nets) a grid brackets the crossing and
 * bisection finds it; the value is then rounded to the fewest significant digits that still work.
 */
import { tableFromRecords } from '../data/table.ts';
import { memberState } from '../model-file/parts.ts';
import type { ModelScorer } from '../scorer/model-scorer.ts';
import type { CellValue } from '../scorer/explanation-types.ts';

export interface FeatureCounterfactual {
  feature: string;
  label: string;
  from: CellValue;
  to: CellValue;
  /** The PD with the feature at `to` (below the threshold). */
  pd: number;
  /** Continuous models: the crossing bisection found, before `to` was rounded to fewer digits. */
  crossing?: number;
}

type Row = Record<string, CellValue>;

const GRID = 32;
const BISECTION_STEPS = 60;

/** Tree split thresholds on the raw column (only inputs that are the column itself, not aggregates of it). */
function treeThresholds(scorer: ModelScorer, inputNames: Set<string>): number[] {
  const gbdt = memberState(scorer.model.model, 'gbdt');
  if (!gbdt) return [];
  const features = new Set<number>();
  gbdt.features.forEach((f, i) => {
    if (f.source === 'numeric' && inputNames.has(f.input)) features.add(i);
  });
  const out: number[] = [];
  for (const tree of gbdt.trees) {
    for (let node = 0; node < tree.feature.length; node++) {
      if (tree.left[node]! >= 0 && features.has(tree.feature[node]!)) out.push(tree.threshold[node]!);
    }
  }
  return out;
}

/** Whether the model's PD moves continuously with a numeric input (else it is piecewise constant). */
function continuousIn(scorer: ModelScorer): boolean {
  const { model, pipeline } = scorer.model;
  if (memberState(model, 'deep')) return true;
  return memberState(model, 'logistic') !== null && pipeline.options.encoding === 'linear';
}

export class CounterfactualSearch {
  private readonly columns: string[];
  private readonly continuous: boolean;

  constructor(
    private readonly scorer: ModelScorer,
    private readonly row: Row,
    private readonly threshold: number,
  ) {
    if (!(threshold > 0 && threshold <= 1)) throw new Error(`the counterfactual threshold must be a PD in (0, 1], got ${threshold}`);
    this.columns = scorer.requiredColumns;
    this.continuous = continuousIn(scorer);
  }

  private pds(values: CellValue[], feature: string): Float64Array {
    if (values.length === 0) return new Float64Array(0);
    const records = values.map((value) => ({ ...this.row, [feature]: value }));
    return this.scorer.score(tableFromRecords(records, this.columns)).pd;
  }

  /** The counterfactual for one raw column, or null when no value of it alone reaches the threshold. */
  find(feature: string): FeatureCounterfactual | null {
    const { pipeline, labels } = this.scorer.model;
    if (!pipeline.columns.includes(feature)) throw new Error(`"${feature}" is not a column the model reads`);
    const label = labels[feature] ?? feature;
    const from = this.row[feature] ?? null;
    const numeric = pipeline.numeric.filter((input) => input.derivation.kind === 'column' && input.derivation.column === feature);
    if (numeric.length === 0) return this.findLevel(feature, label, from);

    const current = typeof from === 'number' ? from : numeric[0]!.scaling.median;
    const low = Math.min(current, ...numeric.map((n) => n.scaling.low));
    const high = Math.max(current, ...numeric.map((n) => n.scaling.high));
    const integral = [current, low, high].every(Number.isInteger) || numeric.every((n) => n.codeLike);
    const breaks = [...numeric.flatMap((n) => n.bins.edges), ...treeThresholds(this.scorer, new Set(numeric.map((n) => n.name)))];
    const candidates = new Set<number>([low, high]);
    for (const b of breaks) {
      if (integral) {
        candidates.add(Math.ceil(b));
        candidates.add(Math.ceil(b) - 1);
      } else {
        candidates.add(b);
        candidates.add(b - Math.max(Math.abs(b), 1) * 1e-9);
      }
    }
    // A whole-valued feature (months in arrears, counts) is searched on whole values only, so the
    // bisection between two of them ends on one.
    if (this.continuous)
      for (let k = 0; k <= GRID; k++) {
        const value = low + ((high - low) * k) / GRID;
        candidates.add(integral ? Math.round(value) : value);
      }
    candidates.delete(current);
    const values = [...candidates].filter((v) => Number.isFinite(v) && v >= low && v <= high);
    const pds = this.pds(values, feature);
    let best = -1;
    for (let i = 0; i < values.length; i++) {
      if (!(pds[i]! < this.threshold)) continue;
      if (best < 0 || Math.abs(values[i]! - current) < Math.abs(values[best]! - current)) best = i;
    }
    if (best < 0) return null;
    let to = values[best]!;
    let pd = pds[best]!;
    if (this.continuous) {
      // The failing candidate nearest to `to` on the way from the current value brackets the crossing.
      let outside = current;
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (pds[i]! >= this.threshold && (v - current) * (to - v) > 0 && Math.abs(to - v) < Math.abs(to - outside)) outside = v;
      }
      ({ to, pd } = this.bisect(feature, outside, to, pd, integral));
      const crossing = to;
      if (!integral) ({ to, pd } = this.round(feature, current, to, pd, high - low));
      return { feature, label, from, to, pd, crossing };
    }
    return { feature, label, from, to, pd };
  }

  private bisect(feature: string, outside: number, inside: number, insidePd: number, integral: boolean) {
    for (let step = 0; step < BISECTION_STEPS; step++) {
      if (integral ? Math.abs(inside - outside) <= 1 : inside === outside) break;
      const mid = integral ? Math.round((inside + outside) / 2) : (inside + outside) / 2;
      if (mid === inside || mid === outside) break;
      const pd = this.pds([mid], feature)[0]!;
      if (pd < this.threshold) {
        inside = mid;
        insidePd = pd;
      } else {
        outside = mid;
      }
    }
    return { to: inside, pd: insidePd };
  }

  /** The value with the fewest significant digits, a step further from the current value, that still works. */
  private round(feature: string, current: number, to: number, pd: number, range: number) {
    const away = Math.sign(to - current);
    for (let digits = 1; digits <= 8; digits++) {
      const unit = 10 ** (Math.floor(Math.log10(Math.abs(to) || 1)) - digits + 1);
      const rounded = Number(((away > 0 ? Math.ceil(to / unit) : Math.floor(to / unit)) * unit).toPrecision(digits + 1));
      if (Math.abs(rounded - to) > range * 0.01) continue;
      const roundedPd = this.pds([rounded], feature)[0]!;
      if (roundedPd < this.threshold) return { to: rounded, pd: roundedPd };
    }
    return { to, pd };
  }

  /** A categorical column: the level that works with the lowest PD. */
  private findLevel(feature: string, label: string, from: CellValue): FeatureCounterfactual | null {
    const input = this.scorer.model.pipeline.categorical.find((c) => c.column === feature);
    if (!input) return null;
    const levels = input.levels.filter((level) => level !== String(from));
    const pds = this.pds(levels, feature);
    let best = -1;
    for (let i = 0; i < levels.length; i++) if (pds[i]! < this.threshold && (best < 0 || pds[i]! < pds[best]!)) best = i;
    return best < 0 ? null : { feature, label, from, to: levels[best]!, pd: pds[best]! };
  }
}

/** For each feature, its counterfactual against the threshold (null: that feature alone cannot get there). */
export function featureCounterfactuals(
  scorer: ModelScorer,
  row: Row,
  features: readonly string[],
  threshold: number,
): (FeatureCounterfactual | null)[] {
  const search = new CounterfactualSearch(scorer, row, threshold);
  return features.map((feature) => search.find(feature));
}
