/** Log-odds of a design under a logistic model (the scorer's hot loop). */
import type { DesignMatrix } from '../pipeline/design-matrix.ts';
import { logitKernel } from './kernels.ts';

export function designLogits(design: DesignMatrix, coefficients: Float64Array, intercept: number): Float64Array {
  if (coefficients.length !== design.columnCount) {
    throw new Error(`the model has ${coefficients.length} coefficients but the pipeline makes ${design.columnCount} columns`);
  }
  const out = new Float64Array(design.rows);
  logitKernel(design.dense, design.denseDim, design.onehot, design.slotCount, coefficients, intercept, out, 0, design.rows);
  return out;
}
