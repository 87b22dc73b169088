/**
 * Exact contributions of a logistic model per explanation unit (original column, or a group for its
 * aggregates): the sum over the unit's design columns of beta_j * (x_j - mean_j). They add up to the
 * row's log-odds minus the baseline, the log-odds at the training means of the design columns.
 */
import type { LogisticModelState } from '../logistic/types.ts';
import type { DesignLayout, DesignMatrix } from '../pipeline/design-matrix.ts';

export interface UnitIndex {
  names: string[];
  index: Map<string, number>;
}

export function unitIndex(names: string[]): UnitIndex {
  return { names, index: new Map(names.map((name, i) => [name, i])) };
}

export interface LogisticContributor {
  baseline: number;
  /** Contributions of one row, one entry per unit. */
  row(design: DesignMatrix, i: number): Float64Array;
  /** Contributions of every row of the design into `out` (rows x units, row-major). */
  rows(design: DesignMatrix, out: Float64Array): void;
}

export function logisticContributor(model: LogisticModelState, layout: DesignLayout, units: UnitIndex): LogisticContributor {
  const beta = model.coefficients;
  const means = model.columnMeans;
  const unitOfColumn = layout.columns.map((column) => {
    const u = units.index.get(column.unit);
    if (u === undefined) throw new Error(`design column "${column.name}" belongs to unknown unit "${column.unit}"`);
    return u;
  });
  let baseline = model.intercept;
  // The constant part of each unit: sum of beta_j * mean_j over its columns.
  const unitConstant = new Float64Array(units.names.length);
  for (let j = 0; j < beta.length; j++) {
    baseline += beta[j]! * means[j]!;
    unitConstant[unitOfColumn[j]!]! += beta[j]! * means[j]!;
  }
  const k = units.names.length;
  const fill = (design: DesignMatrix, i: number, out: Float64Array, at: number): void => {
    for (let u = 0; u < k; u++) out[at + u] = -unitConstant[u]!;
    for (let j = 0; j < design.denseDim; j++) out[at + unitOfColumn[j]!]! += beta[j]! * design.dense[i * design.denseDim + j]!;
    for (let s = 0; s < design.slotCount; s++) {
      const column = design.onehot[i * design.slotCount + s]!;
      out[at + unitOfColumn[column]!]! += beta[column]!;
    }
  };
  return {
    baseline,
    row(design, i) {
      const out = new Float64Array(k);
      fill(design, i, out, 0);
      return out;
    },
    rows(design, out) {
      for (let i = 0; i < design.rows; i++) fill(design, i, out, i * k);
    },
  };
}
