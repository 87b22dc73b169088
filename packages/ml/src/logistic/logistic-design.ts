/**
 * The logistic design in the layout its solver reads: by row for Newton's method (the SIMD kernels),
 * by column for coordinate descent. Both encode the same pipeline columns in the same order.
 */
import type { Table } from '../data/table.ts';
import { buildColumnDesign, columnDesignLogits, columnDesignMeans, type ColumnDesign } from '../pipeline/column-design.ts';
import { buildDesign, type DesignLayout, type DesignMatrix } from '../pipeline/design-matrix.ts';
import type { RowSelection } from '../pipeline/row-selection.ts';
import type { PipelineState } from '../pipeline/types.ts';
import { designColumnMeans } from './design-stats.ts';
import { designLogits } from './logits.ts';
import type { SolverMethod } from './solver-choice.ts';

export type LogisticDesign = { layout: 'rows'; design: DesignMatrix } | { layout: 'columns'; design: ColumnDesign };

export function buildLogisticDesign(
  pipeline: PipelineState,
  table: Table,
  layout: DesignLayout,
  rows: RowSelection,
  method: SolverMethod,
): LogisticDesign {
  return method === 'newton'
    ? { layout: 'rows', design: buildDesign(pipeline, table, layout, rows) }
    : { layout: 'columns', design: buildColumnDesign(pipeline, table, layout, rows) };
}

export function logisticDesignLogits(design: LogisticDesign, coefficients: Float64Array, intercept: number): Float64Array {
  return design.layout === 'rows'
    ? designLogits(design.design, coefficients, intercept)
    : columnDesignLogits(design.design, coefficients, intercept);
}

export function logisticDesignMeans(design: LogisticDesign): Float64Array {
  return design.layout === 'rows' ? designColumnMeans(design.design) : columnDesignMeans(design.design);
}
