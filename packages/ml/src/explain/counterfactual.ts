/**
 * Counterfactuals: for each input column, the smallest change to that one column that brings the PD
 * below a threshold, found by scoring candidate values through the real scorer (so group aggregates
 * and ratios move with the column). Candidates for a numeric column are its bin edges (either side),
 * its training clip range and median, plus a grid refined by bisection for continuous encodings; for
 * a categorical column, its training levels. Changes are ranked by size relative to the column's
 * training range (a categorical switch counts as a whole range).
 */
import { cellValue, requireColumn, tableFromRecords, type Table } from '../data/table.ts';
import type { ModelScorer } from '../scorer/model-scorer.ts';
import type { CellValue } from '../scorer/explanation-types.ts';

export interface CounterfactualChange {
  feature: string;
  label: string;
  from: CellValue;
  to: CellValue;
  pd: number;
  /** |to - from| over the training clip range; 1 for a categorical switch. */
  relativeChange: number;
}

export interface Counterfactual {
  threshold: number;
  pd: number;
  /** Already below the threshold: nothing to change. */
  alreadyBelow: boolean;
  /** The smallest single-column change found, if any. */
  best: CounterfactualChange | null;
  /** The best change per column that can reach the threshold, smallest first. */
  changes: CounterfactualChange[];
}

function rowRecord(table: Table, columns: string[], row: number): Record<string, CellValue> {
  const record: Record<string, CellValue> = {};
  for (const name of columns) record[name] = cellValue(requireColumn(table, name), row);
  return record;
}

function numericCandidates(edges: number[], low: number, high: number, median: number, current: number, continuous: boolean): number[] {
  const out = new Set<number>([low, high, median]);
  const integral = Number.isInteger(current) && Number.isInteger(low) && Number.isInteger(high);
  for (const e of edges) {
    if (integral) {
      out.add(Math.ceil(e));
      out.add(Math.ceil(e) - 1);
    } else {
      out.add(e);
      out.add(e - Math.max(Math.abs(e), 1) * 1e-9);
    }
  }
  if (continuous) for (let k = 0; k <= 24; k++) out.add(low + ((high - low) * k) / 24);
  out.delete(current);
  return [...out].filter(Number.isFinite);
}

export function counterfactual(scorer: ModelScorer, table: Table, row: number, threshold: number): Counterfactual {
  if (!(threshold > 0 && threshold < 1))
    throw new Error(`the counterfactual threshold must be a PD strictly between 0 and 1, got ${threshold}`);
  const model = scorer.model;
  const columns = scorer.requiredColumns;
  const base = rowRecord(table, columns, row);
  const pd = scorer.score(tableFromRecords([base], columns)).pd[0]!;
  if (pd < threshold) return { threshold, pd, alreadyBelow: true, best: null, changes: [] };
  const continuous = model.pipeline.options.encoding === 'linear' || model.model.kind !== 'logistic';
  const plans: { column: string; values: CellValue[]; range: number }[] = [];
  for (const input of model.pipeline.numeric) {
    if (input.derivation.kind !== 'column') continue;
    const column = input.derivation.column;
    const current = base[column];
    const from = typeof current === 'number' ? current : input.scaling.median;
    const { low, high, median } = input.scaling;
    plans.push({
      column,
      values: numericCandidates(input.bins.edges, low, high, median, from, continuous && !input.codeLike),
      range: Math.max(high - low, 1e-12),
    });
  }
  for (const input of model.pipeline.categorical) {
    if (!input.inDesign && model.model.kind === 'logistic') continue; // code-like numerics are searched as numbers
    if (plans.some((p) => p.column === input.column)) continue;
    plans.push({ column: input.column, values: input.levels.filter((level) => level !== String(base[input.column])), range: Number.NaN });
  }
  const records: Record<string, CellValue>[] = [];
  const owners: { plan: number; value: CellValue }[] = [];
  plans.forEach((plan, p) => {
    for (const value of plan.values) {
      records.push({ ...base, [plan.column]: value });
      owners.push({ plan: p, value });
    }
  });
  const scored = records.length > 0 ? scorer.score(tableFromRecords(records, columns)).pd : new Float64Array(0);
  const bestPerPlan = new Map<number, CounterfactualChange>();
  owners.forEach((owner, k) => {
    const candidatePd = scored[k]!;
    if (!(candidatePd < threshold)) return;
    const plan = plans[owner.plan]!;
    const from = base[plan.column] ?? null;
    const relativeChange = Number.isNaN(plan.range)
      ? 1
      : Math.abs((owner.value as number) - (typeof from === 'number' ? from : 0)) / plan.range;
    const previous = bestPerPlan.get(owner.plan);
    if (
      !previous ||
      relativeChange < previous.relativeChange ||
      (relativeChange === previous.relativeChange && candidatePd < previous.pd)
    ) {
      bestPerPlan.set(owner.plan, {
        feature: plan.column,
        label: model.labels[plan.column] ?? plan.column,
        from,
        to: owner.value,
        pd: candidatePd,
        relativeChange,
      });
    }
  });
  if (continuous) refineByBisection(scorer, base, columns, threshold, bestPerPlan, plans);
  const changes = [...bestPerPlan.values()].sort((a, b) => a.relativeChange - b.relativeChange);
  return { threshold, pd, alreadyBelow: false, best: changes[0] ?? null, changes };
}

/** For continuous inputs, moves each numeric change back towards the current value while it still works. */
function refineByBisection(
  scorer: ModelScorer,
  base: Record<string, CellValue>,
  columns: string[],
  threshold: number,
  best: Map<number, CounterfactualChange>,
  plans: { column: string; range: number }[],
): void {
  for (const [p, change] of best) {
    if (typeof change.to !== 'number' || typeof change.from !== 'number') continue;
    let inside = change.to;
    let outside = change.from;
    let insidePd = change.pd;
    for (let step = 0; step < 30; step++) {
      const mid = (inside + outside) / 2;
      const pd = scorer.score(tableFromRecords([{ ...base, [change.feature]: mid }], columns)).pd[0]!;
      if (pd < threshold) {
        inside = mid;
        insidePd = pd;
      } else {
        outside = mid;
      }
    }
    const range = plans[p]!.range;
    best.set(p, { ...change, to: inside, pd: insidePd, relativeChange: Math.abs(inside - change.from) / range });
  }
}
