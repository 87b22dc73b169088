/** Log-odds of a design under a logistic model (the scorer's hot loop): SIMD when the design allows. */
import type { DesignMatrix } from '../pipeline/design-matrix.ts';
import { clampLogit, MAX_LOGIT, sigmoid } from '../util/logistic-math.ts';
import { logitKernel } from './kernels.ts';
import { instantiateKernels, reserveScratch } from './wasm/design-memory.ts';
import { wasmLogits, type WasmLayout } from './wasm/runners.ts';

function checkWidth(design: DesignMatrix, coefficients: Float64Array): void {
  if (coefficients.length !== design.columnCount) {
    throw new Error(`the model has ${coefficients.length} coefficients but the pipeline makes ${design.columnCount} columns`);
  }
}

function layoutOf(design: DesignMatrix): WasmLayout {
  const wasm = design.wasm!;
  return { dense: wasm.denseOffset, onehot: wasm.onehotOffset, d: design.denseDim, s: design.slotCount, p: design.columnCount };
}

export function designLogits(
  design: DesignMatrix,
  coefficients: Float64Array,
  intercept: number,
  kernels: 'auto' | 'js' = 'auto',
): Float64Array {
  checkWidth(design, coefficients);
  const out = new Float64Array(design.rows);
  if (design.wasm && kernels === 'auto') {
    const layout = layoutOf(design);
    const { base } = reserveScratch(design.wasm, layout, 1, false);
    wasmLogits(
      instantiateKernels(design.wasm.memory),
      design.wasm.memory,
      layout,
      base,
      coefficients,
      intercept,
      out,
      0,
      design.rows,
      null,
      MAX_LOGIT,
    );
    return out;
  }
  logitKernel(design.dense, design.denseDim, design.onehot, design.slotCount, coefficients, intercept, out, 0, design.rows);
  return out;
}

/**
 * The logistic scorer's hot path: log-odds clamped to +-MAX_LOGIT and PDs = sigmoid(log-odds), in one
 * SIMD pass over the design when it lives in WebAssembly memory.
 */
export function designScores(
  design: DesignMatrix,
  coefficients: Float64Array,
  intercept: number,
  kernels: 'auto' | 'js' = 'auto',
): { logit: Float64Array; pd: Float64Array } {
  checkWidth(design, coefficients);
  const logit = new Float64Array(design.rows);
  const pd = new Float64Array(design.rows);
  if (design.wasm && kernels === 'auto') {
    const layout = layoutOf(design);
    const { base } = reserveScratch(design.wasm, layout, 1, false);
    wasmLogits(
      instantiateKernels(design.wasm.memory),
      design.wasm.memory,
      layout,
      base,
      coefficients,
      intercept,
      logit,
      0,
      design.rows,
      pd,
      MAX_LOGIT,
    );
    return { logit, pd };
  }
  logitKernel(design.dense, design.denseDim, design.onehot, design.slotCount, coefficients, intercept, logit, 0, design.rows);
  for (let i = 0; i < logit.length; i++) {
    logit[i] = clampLogit(logit[i]!);
    pd[i] = sigmoid(logit[i]!);
  }
  return { logit, pd };
}
