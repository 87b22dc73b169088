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

function simd(design: DesignMatrix, coefficients: Float64Array, intercept: number, pdBound?: number): Float64Array {
  const wasm = design.wasm!;
  const out = new Float64Array(design.rows);
  const layout: WasmLayout = { dense: wasm.denseOffset, onehot: wasm.onehotOffset, d: design.denseDim, s: design.slotCount, p: design.columnCount };
  const { base } = reserveScratch(wasm, layout, 1);
  wasmLogits(instantiateKernels(wasm.memory), wasm.memory, layout, base, coefficients, intercept, out, 0, design.rows, pdBound);
  return out;
}

export function designLogits(design: DesignMatrix, coefficients: Float64Array, intercept: number, kernels: 'auto' | 'js' = 'auto'): Float64Array {
  checkWidth(design, coefficients);
  if (design.wasm && kernels === 'auto') return simd(design, coefficients, intercept);
  const out = new Float64Array(design.rows);
  logitKernel(design.dense, design.denseDim, design.onehot, design.slotCount, coefficients, intercept, out, 0, design.rows);
  return out;
}

/** PDs sigmoid(z) with z clamped to +-MAX_LOGIT, the scorer's whole hot path in SIMD when the design allows. */
export function designProbabilities(design: DesignMatrix, coefficients: Float64Array, intercept: number, kernels: 'auto' | 'js' = 'auto'): Float64Array {
  checkWidth(design, coefficients);
  if (design.wasm && kernels === 'auto') return simd(design, coefficients, intercept, MAX_LOGIT);
  const out = designLogits(design, coefficients, intercept, 'js');
  for (let i = 0; i < out.length; i++) out[i] = sigmoid(clampLogit(out[i]!));
  return out;
}
