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

/**
 * Log-odds of every row into `logit`; with `pd`, also clamped to +-MAX_LOGIT and turned into PDs there.
 * One SIMD pass when the design lives in WebAssembly memory (and `kernels` allows), else the JavaScript kernel.
 */
function fillLogits(
  design: DesignMatrix,
  coefficients: Float64Array,
  intercept: number,
  kernels: 'auto' | 'js',
  logit: Float64Array,
  pd: Float64Array | null,
): void {
  checkWidth(design, coefficients);
  if (design.wasm && kernels === 'auto') {
    const layout = layoutOf(design);
    const { base } = reserveScratch(design.wasm, layout, 1, false);
    const exports = instantiateKernels(design.wasm.memory);
    wasmLogits(exports, design.wasm.memory, layout, base, coefficients, intercept, logit, 0, design.rows, pd, MAX_LOGIT);
    return;
  }
  logitKernel(design.dense, design.denseDim, design.onehot, design.slotCount, coefficients, intercept, logit, 0, design.rows);
  if (!pd) return;
  for (let i = 0; i < logit.length; i++) {
    logit[i] = clampLogit(logit[i]!);
    pd[i] = sigmoid(logit[i]!);
  }
}

export function designLogits(
  design: DesignMatrix,
  coefficients: Float64Array,
  intercept: number,
  kernels: 'auto' | 'js' = 'auto',
): Float64Array {
  const out = new Float64Array(design.rows);
  fillLogits(design, coefficients, intercept, kernels, out, null);
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
  const logit = new Float64Array(design.rows);
  const pd = new Float64Array(design.rows);
  fillLogits(design, coefficients, intercept, kernels, logit, pd);
  return { logit, pd };
}
