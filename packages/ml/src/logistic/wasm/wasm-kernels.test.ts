import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DesignMatrix } from '../../pipeline/design-matrix.ts';
import { clampLogit, MAX_LOGIT, sigmoid } from '../../util/logistic-math.ts';
import { seededRandom } from '../../util/random.ts';
import { hessianKernel, lossGradKernel } from '../kernels.ts';
import { designLogits, designScores } from '../logits.ts';
import { compileKernelsWat } from '../../util/wasm/compile-wat.ts';
import { allocateDesignArrays, attachLabels, instantiateKernels, reserveScratch } from './design-memory.ts';
import { KERNELS_WASM_BASE64 } from './kernels-binary.ts';
import { wasmHessian, wasmLossGrad, type WasmLayout } from './runners.ts';

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

/** Odd sizes on purpose: dense tails (d % 4), one-hot slots, odd row counts for the two-row loop. */
function randomDesign(rows: number, d: number, s: number, slotSize: number): DesignMatrix {
  const random = seededRandom(rows + d);
  const { dense, onehot, wasm } = allocateDesignArrays(rows, d, s);
  for (let i = 0; i < rows * d; i++) dense[i] = Math.fround((random() - 0.5) * 4);
  for (let i = 0; i < rows; i++) for (let t = 0; t < s; t++) onehot[i * s + t] = d + t * slotSize + Math.floor(random() * slotSize);
  return { rows, dense, denseDim: d, onehot, slotCount: s, columnCount: d + s * slotSize, wasm };
}

describe('SIMD kernels', () => {
  it('the committed binary is kernels.wat compiled (run scripts/build-wasm.ts after editing it)', async () => {
    const wat = readFileSync(new URL('./kernels.wat', import.meta.url), 'utf8');
    expect(Buffer.from(await compileKernelsWat(wat)).toString('base64')).toBe(KERNELS_WASM_BASE64);
  });

  it.each([
    [1001, 7, 3],
    [64, 32, 0],
    [9, 1, 2],
  ])('gradient, loss and Hessian agree with the JavaScript kernels (%i rows, %i dense, %i slots)', (rows, d, s) => {
    const design = randomDesign(rows, d, s, 4);
    const p = design.columnCount;
    const random = seededRandom(7);
    const coef = Float64Array.from({ length: p }, () => random() - 0.5);
    const labels = Uint8Array.from({ length: rows }, () => (random() < 0.3 ? 1 : 0));
    const weights = Float32Array.from({ length: rows }, () => 0.5 + random());
    const layout: WasmLayout = { dense: design.wasm!.denseOffset, onehot: design.wasm!.onehotOffset, d, s, p };
    const { base } = reserveScratch(design.wasm!, layout, 1);
    const { labelsAt, weightsAt } = attachLabels(design.wasm!, labels, weights);
    const exports = instantiateKernels(design.wasm!.memory);
    for (const step of [1, 3]) {
      const gradJs = new Float64Array(p + 1);
      const gradWasm = new Float64Array(p + 1);
      const lossJs = lossGradKernel(design.dense, d, design.onehot, s, labels, weights, coef, 0.2, gradJs, 0, rows, step);
      const lossWasm = wasmLossGrad(exports, design.wasm!.memory, layout, base, labelsAt, weightsAt, coef, 0.2, gradWasm, 0, rows, step);
      expect(lossWasm).toBeCloseTo(lossJs, 9);
      expect(maxDifference(gradWasm, gradJs)).toBeLessThan(1e-10);
      const hJs = new Float64Array((p + 1) ** 2);
      const hWasm = new Float64Array((p + 1) ** 2);
      hessianKernel(design.dense, d, design.onehot, s, weights, coef, 0.2, hJs, 0, rows, step);
      wasmHessian(exports, design.wasm!.memory, layout, base, weights, coef, 0.2, hWasm, 0, rows, step);
      expect(maxDifference(hWasm, hJs)).toBeLessThan(1e-10);
      expect(hJs.some((v) => v !== 0)).toBe(true);
    }
    const simd = designLogits(design, coef, 0.2);
    const plain = designLogits(design, coef, 0.2, 'js');
    expect(maxDifference(simd, plain)).toBeLessThan(1e-12);
  });

  it('computes PDs as accurately as Math.exp, strictly inside (0, 1)', () => {
    // One dense column equal to z, coefficient 1: the PD of each row is sigmoid(z).
    const zs = [-1000, -60, -27.7, -20, -5.5, -1, -1e-9, 0, 1e-9, 0.3, 0.6931471805599453, 2, 10, 27.59, 40, 1000];
    for (let k = 0; k < 2001; k++) zs.push(-40 + k * 0.04);
    const { dense, onehot, wasm } = allocateDesignArrays(zs.length, 1, 0);
    dense.set(zs.map(Math.fround));
    const design: DesignMatrix = { rows: zs.length, dense, denseDim: 1, onehot, slotCount: 0, columnCount: 1, wasm };
    const simd = designScores(design, Float64Array.of(1), 0).pd;
    const plain = designScores(design, Float64Array.of(1), 0, 'js').pd;
    let worst = 0;
    let outside = 0;
    for (let i = 0; i < zs.length; i++) {
      const expected = sigmoid(clampLogit(dense[i]!));
      if (plain[i] !== expected) outside++;
      worst = Math.max(worst, Math.abs(simd[i]! - expected) / expected);
      if (!(simd[i]! > 0 && simd[i]! < 1)) outside++;
    }
    expect(outside).toBe(0);
    expect(worst).toBeLessThan(1e-14);
    const { logit } = designScores(design, Float64Array.of(1), 0);
    expect(Array.from(logit)).toEqual(Array.from(dense, (z) => clampLogit(z)));
    expect(simd[zs.length - 1]).toBeCloseTo(sigmoid(MAX_LOGIT), 15);
  });
});
