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
  return {
    baseline,
    row(design, i) {
      const out = new Float64Array(units.names.length);
      for (let u = 0; u < out.length; u++) out[u] = -unitConstant[u]!;
      for (let j = 0; j < design.denseDim; j++) out[unitOfColumn[j]!]! += beta[j]! * design.dense[i * design.denseDim + j]!;
      for (let s = 0; s < design.slotCount; s++) {
        const column = design.onehot[i * design.slotCount + s]!;
        out[unitOfColumn[column]!]! += beta[column]!;
      }
      return out;
    },
  };
}
