/**
 * The logistic design stored by column, for the coordinate-descent solver on wide data: a coordinate
 * step reads one column, and a sparse model's log-odds touch only its non-zero columns. Dense columns
 * (WoE, standardised values, missing indicators) are float32 vectors one after another; one-hot columns
 * (bins, levels) are lists of the rows where they are 1 (compressed sparse columns), so memory is that
 * of the row-wise design: rows x (dense columns + one-hot slots) x 4 bytes.
 */
import type { Table } from '../data/table.ts';
import { designLayout, designRows, writeDenseColumn, writeSlotLevels, type DesignLayout } from './design-matrix.ts';
import type { RowSelection } from './row-selection.ts';
import type { PipelineState } from './types.ts';

export interface ColumnDesign {
  rows: number;
  /** All model columns: dense first, then one-hot. */
  columnCount: number;
  denseDim: number;
  /** rows x denseDim, column-major: dense column j is dense[j * rows .. (j + 1) * rows). */
  dense: Float32Array;
  /** One-hot column denseDim + k holds 1 in rows oneHotRows[oneHotStarts[k] .. oneHotStarts[k + 1]). */
  oneHotStarts: Int32Array;
  oneHotRows: Int32Array;
}

/** Bytes a column design of this shape takes. */
export function columnDesignBytes(rows: number, denseDim: number, slotCount: number, oneHotColumns: number): number {
  return rows * (denseDim + slotCount) * 4 + (oneHotColumns + 1) * 4;
}

function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length);
}

function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length);
}

/** A design of dense float32 columns only (benchmarks, tests): `columnMajor` holds rows x columns by column. */
export function denseColumnDesign(rows: number, columns: number, columnMajor: Float32Array): ColumnDesign {
  if (columnMajor.length !== rows * columns) throw new Error(`denseColumnDesign: ${columnMajor.length} values for ${rows} x ${columns}`);
  return {
    rows,
    columnCount: columns,
    denseDim: columns,
    dense: columnMajor,
    oneHotStarts: new Int32Array(1),
    oneHotRows: new Int32Array(0),
  };
}

/** Encodes the selected rows of a table as the pipeline's logistic design, by column (see buildDesign). */
export function buildColumnDesign(
  state: PipelineState,
  table: Table,
  layout: DesignLayout = designLayout(state),
  rows?: RowSelection,
): ColumnDesign {
  const selected = designRows(table, rows);
  const n = selected.n;
  const denseDim = layout.denseDim;
  const dense = sharedFloat32(n * denseDim);
  layout.dense.forEach((source, j) => writeDenseColumn(source, selected, dense, j * n, 1));

  // One-hot: a counting sort of the rows by their active column, slot by slot.
  const oneHotColumns = layout.columnCount - denseDim;
  const oneHotStarts = new Int32Array(oneHotColumns + 1);
  const oneHotRows = sharedInt32(n * layout.slots.length);
  const active = new Int32Array(n);
  for (const slot of layout.slots) {
    writeSlotLevels(slot.source, selected, active, 0, 1, 0);
    const first = slot.offset - denseDim;
    const counts = new Int32Array(slot.size);
    for (let i = 0; i < n; i++) counts[active[i]!]!++;
    const base = oneHotStarts[first]!;
    const cursor = new Int32Array(slot.size);
    let start = base;
    for (let k = 0; k < slot.size; k++) {
      oneHotStarts[first + k] = start;
      cursor[k] = start;
      start += counts[k]!;
    }
    oneHotStarts[first + slot.size] = start;
    for (let i = 0; i < n; i++) oneHotRows[cursor[active[i]!]!++] = i;
  }
  return { rows: n, columnCount: layout.columnCount, denseDim, dense, oneHotStarts, oneHotRows };
}

/** Per-column means (the logistic explanation baseline), as designColumnMeans for the row-wise design. */
export function columnDesignMeans(design: ColumnDesign): Float64Array {
  const n = design.rows;
  const means = new Float64Array(design.columnCount);
  for (let j = 0; j < design.denseDim; j++) {
    let sum = 0;
    const column = design.dense.subarray(j * n, (j + 1) * n);
    for (let i = 0; i < n; i++) sum += column[i]!;
    means[j] = sum / Math.max(n, 1);
  }
  for (let k = 0; k + design.denseDim < design.columnCount; k++) {
    means[design.denseDim + k] = (design.oneHotStarts[k + 1]! - design.oneHotStarts[k]!) / Math.max(n, 1);
  }
  return means;
}

/** Log-odds intercept + X beta; zero coefficients cost nothing (an L1 model reads only its kept columns). */
export function columnDesignLogits(design: ColumnDesign, coefficients: ArrayLike<number>, intercept: number): Float64Array {
  const n = design.rows;
  const z = new Float64Array(n).fill(intercept);
  for (let j = 0; j < design.columnCount; j++) {
    const beta = coefficients[j]!;
    if (beta === 0) continue;
    if (j < design.denseDim) {
      const column = design.dense.subarray(j * n, (j + 1) * n);
      for (let i = 0; i < n; i++) z[i]! += beta * column[i]!;
    } else {
      const k = j - design.denseDim;
      for (let q = design.oneHotStarts[k]!; q < design.oneHotStarts[k + 1]!; q++) z[design.oneHotRows[q]!]! += beta;
    }
  }
  return z;
}
