/**
 * The inner loops of coordinate descent over a column design: one column against vectors of the rows.
 * Dense columns are float32 runs; one-hot columns are row lists. Accumulation is in Float64.
 */
import type { ColumnDesign } from '../pipeline/column-design.ts';

/** sum_i x_ij v_i */
export function columnDot(design: ColumnDesign, j: number, v: Float64Array): number {
  if (j < design.denseDim) {
    const x = design.dense;
    const n = design.rows;
    const off = j * n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[off + i]! * v[i]!;
      s1 += x[off + i + 1]! * v[i + 1]!;
      s2 += x[off + i + 2]! * v[i + 2]!;
      s3 += x[off + i + 3]! * v[i + 3]!;
    }
    for (; i < n; i++) s0 += x[off + i]! * v[i]!;
    return s0 + s1 + s2 + s3;
  }
  const k = j - design.denseDim;
  const rows = design.oneHotRows;
  let s = 0;
  for (let q = design.oneHotStarts[k]!, end = design.oneHotStarts[k + 1]!; q < end; q++) s += v[rows[q]!]!;
  return s;
}

/** [sum_i x_ij g_i, sum_i h_i x_ij^2, sum_i h_i x_ij] in one pass. */
export function columnGradCurvature(design: ColumnDesign, j: number, g: Float64Array, h: Float64Array): [number, number, number] {
  if (j < design.denseDim) {
    const x = design.dense;
    const n = design.rows;
    const off = j * n;
    let grad0 = 0;
    let grad1 = 0;
    let curv0 = 0;
    let curv1 = 0;
    let mass0 = 0;
    let mass1 = 0;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const a = x[off + i]!;
      const b = x[off + i + 1]!;
      const ha = h[i]! * a;
      const hb = h[i + 1]! * b;
      grad0 += a * g[i]!;
      grad1 += b * g[i + 1]!;
      curv0 += ha * a;
      curv1 += hb * b;
      mass0 += ha;
      mass1 += hb;
    }
    for (; i < n; i++) {
      const a = x[off + i]!;
      grad0 += a * g[i]!;
      curv0 += h[i]! * a * a;
      mass0 += h[i]! * a;
    }
    return [grad0 + grad1, curv0 + curv1, mass0 + mass1];
  }
  const k = j - design.denseDim;
  const rows = design.oneHotRows;
  let grad = 0;
  let curv = 0;
  for (let q = design.oneHotStarts[k]!, end = design.oneHotStarts[k + 1]!; q < end; q++) {
    const i = rows[q]!;
    grad += g[i]!;
    curv += h[i]!;
  }
  return [grad, curv, curv];
}

/** out_i += alpha * x_ij (scale_i when given) */
export function columnAxpy(design: ColumnDesign, j: number, alpha: number, out: Float64Array, scale: Float64Array | null = null): void {
  if (j < design.denseDim) {
    const x = design.dense;
    const n = design.rows;
    const off = j * n;
    if (scale) for (let i = 0; i < n; i++) out[i]! += alpha * scale[i]! * x[off + i]!;
    else for (let i = 0; i < n; i++) out[i]! += alpha * x[off + i]!;
    return;
  }
  const k = j - design.denseDim;
  const rows = design.oneHotRows;
  const end = design.oneHotStarts[k + 1]!;
  if (scale) {
    for (let q = design.oneHotStarts[k]!; q < end; q++) {
      const i = rows[q]!;
      out[i]! += alpha * scale[i]!;
    }
  } else {
    for (let q = design.oneHotStarts[k]!; q < end; q++) out[rows[q]!]! += alpha;
  }
}

/** X' v for every column (the full gradient pass of the working-set check). */
export function allColumnDots(design: ColumnDesign, v: Float64Array, out: Float64Array, from = 0, to = design.columnCount): void {
  for (let j = from; j < to; j++) out[j] = columnDot(design, j, v);
}
