import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DesignMatrix } from '../pipeline/design-matrix.ts';
import { sharedUint8 } from '../util/shared-arrays.ts';
import { designLogits } from './logits.ts';
import { allocateDesignArrays } from './wasm/design-memory.ts';
import type { KernelChoice } from './worker-pool.ts';
import { exactHessian, fitLogistic } from './fit-logistic.ts';
import { rowWeights } from './train-logistic.ts';
import { waldStatistics } from './wald.ts';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/logistic/${name}.json`, import.meta.url), 'utf8')) as T;
}

interface Answer {
  lambda: number;
  coefficients: number[];
  intercept: number;
  standardErrors: number[];
  logLikelihood: number;
}

/** A design in WebAssembly memory, so both the SIMD and the JavaScript kernels can run on it. */
function denseDesign(X: number[][]): DesignMatrix {
  const p = X[0]!.length;
  const { dense, onehot, wasm } = allocateDesignArrays(X.length, p, 0);
  X.forEach((row, i) => row.forEach((v, j) => (dense[i * p + j] = v)));
  return { rows: X.length, dense, denseDim: p, onehot, slotCount: 0, columnCount: p, wasm };
}

function labels(y: number[]): Uint8Array {
  const out = sharedUint8(y.length);
  out.set(y);
  return out;
}

async function expectMatches(
  design: DesignMatrix,
  y: Uint8Array,
  answer: Answer,
  weights: Float32Array | null = null,
  threads = 1,
  kernels: KernelChoice = 'wasm',
) {
  const fit = await fitLogistic(design, y, { lambda: answer.lambda, weights, threads, tolerance: 1e-11, kernels });
  expect(fit.converged).toBe(true);
  expect(fit.kernels).toBe(kernels);
  expect(fit.gradientNorm).toBeLessThan(1e-11);
  answer.coefficients.forEach((c, j) => expect(fit.coef[j]).toBeCloseTo(c, 6));
  expect(fit.intercept).toBeCloseTo(answer.intercept, 6);
  expect(Math.abs(fit.logLikelihood - answer.logLikelihood) / Math.abs(answer.logLikelihood)).toBeLessThan(1e-9);
  const hessian = await exactHessian(design, weights, fit.coef, fit.intercept, answer.lambda, kernels);
  const { standardErrors, pValues } = waldStatistics(hessian, fit.coef, fit.intercept);
  answer.standardErrors.forEach((se, j) => expect(standardErrors[j]).toBeCloseTo(se, 6));
  for (const p of pValues) expect(p).toBeGreaterThanOrEqual(0);
  return fit;
}

describe('fitLogistic against scikit-learn (test/fixtures/logistic, scripts/logistic-fixtures.py)', () => {
  const dense = fixture<{ X: number[][]; y: number[]; cases: Answer[]; weighted: Answer & { defaultWeight: number } }>('dense');

  it.each(['wasm', 'js'] as const)(
    'solves the unpenalised and L2-penalised problems with the same coefficients and standard errors (%s kernels)',
    async (kernels) => {
      const design = denseDesign(dense.X);
      for (const answer of dense.cases) await expectMatches(design, labels(dense.y), answer, null, 1, kernels);
    },
  );

  it('weighs defaults by the class weight', async () => {
    const y = labels(dense.y);
    await expectMatches(denseDesign(dense.X), y, dense.weighted, rowWeights(y, dense.weighted.defaultWeight));
  });

  it.each(['wasm', 'js'] as const)('gives the same answer on two threads (%s kernels)', async (kernels) => {
    const answer = dense.cases[1]!;
    const fit = await expectMatches(denseDesign(dense.X), labels(dense.y), answer, null, 2, kernels);
    expect(fit.threads).toBe(2);
  });

  it.each(['wasm', 'js'] as const)('handles one-hot blocks exactly like the dense equivalent (%s kernels)', async (kernels) => {
    const data = fixture<{ dense: number[]; a: number[]; b: number[]; y: number[] } & Answer>('onehot');
    const n = data.y.length;
    const { dense, onehot, wasm } = allocateDesignArrays(n, 1, 2);
    const design: DesignMatrix = { rows: n, dense, denseDim: 1, onehot, slotCount: 2, columnCount: 8, wasm };
    for (let i = 0; i < n; i++) {
      design.dense[i] = data.dense[i]!;
      design.onehot[2 * i] = 1 + data.a[i]!;
      design.onehot[2 * i + 1] = 4 + data.b[i]!;
    }
    await expectMatches(design, labels(data.y), data, null, 1, kernels);
    // The scorer's logits agree between the two kernels.
    const coef = Float64Array.from(data.coefficients);
    const simd = designLogits(design, coef, data.intercept);
    const plain = designLogits(design, coef, data.intercept, 'js');
    for (let i = 0; i < n; i++) expect(simd[i]).toBeCloseTo(plain[i]!, 12);
  });

  it('takes the subsampled-Hessian path on larger data and still reaches the exact optimum', async () => {
    // 40,000 rows with hessianRows 5,000: a warm start on a stride subsample, then full-data steps.
    const n = 40000;
    const p = 6;
    const X = Array.from({ length: n }, (_, i) =>
      Array.from({ length: p }, (_, j) => Math.fround(Math.sin(i * (j + 1) * 0.7) + Math.cos(i * 0.13 * (j + 2)))),
    );
    const y = labels(X.map((row, i) => (row[0]! - 0.5 * row[2]! + 0.3 * Math.sin(i) > 0.2 ? 1 : 0)));
    const design = denseDesign(X);
    const exact = await fitLogistic(design, y, { lambda: 1, hessianRows: 1e9, tolerance: 1e-10, kernels: 'js' });
    const sub = await fitLogistic(design, y, { lambda: 1, hessianRows: 5000, tolerance: 1e-10 });
    expect(sub.kernels).toBe('wasm');
    expect(sub.converged).toBe(true);
    for (let j = 0; j < p; j++) expect(sub.coef[j]).toBeCloseTo(exact.coef[j]!, 7);
    expect(sub.objective).toBeCloseTo(exact.objective, 6);
  });
});
