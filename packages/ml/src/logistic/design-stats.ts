/** Per-column training means of a design (the logistic explanation baseline). */
import type { DesignMatrix } from '../pipeline/design-matrix.ts';

export function designColumnMeans(design: DesignMatrix): Float64Array {
  const sums = new Float64Array(design.columnCount);
  for (let i = 0; i < design.rows; i++) {
    for (let j = 0; j < design.denseDim; j++) sums[j]! += design.dense[i * design.denseDim + j]!;
    for (let s = 0; s < design.slotCount; s++) sums[design.onehot[i * design.slotCount + s]!]!++;
  }
  for (let j = 0; j < sums.length; j++) sums[j]! /= Math.max(design.rows, 1);
  return sums;
}
