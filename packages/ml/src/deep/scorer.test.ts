import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { activations } from './architecture.ts';
import { randomDeepState, smallMixedDataset } from './random-state.test-support.ts';
import { compileDeepScorer, deepLogitRow, deepLogits } from './scorer.ts';
import { sliceDeepDataset, syntheticDeepDataset } from './synthetic.ts';
import { tfDeepLogits } from './tf-predict.ts';
import { trainDeep } from './train.ts';
import type { DeepDataset, DeepModelState, DeepRow } from './types.ts';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function rowOf(ds: DeepDataset, r: number): DeepRow {
  return {
    dense: ds.dense.subarray(r * ds.denseDim, (r + 1) * ds.denseDim),
    categorical: ds.categorical.map((c) => c.codes[r]!),
    sequences: ds.sequences.map((s) => s.values.subarray(r * s.steps * s.channels, (r + 1) * s.steps * s.channels)),
  };
}

// The tfjs cpu backend accumulates in float64 and is the exact reference; wasm (XNNPACK) sums
// float32 in another order, which alone moves logits by ~1e-5 (see the wasm test below).
describe('lean scorer vs the tfjs forward pass (cpu backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const data = smallMixedDataset(300);

  for (const activation of activations) {
    for (const pooling of ['flatten', 'mean'] as const) {
      it(`agrees within 1e-5 on random weights: ${activation}, ${pooling} pooling`, async () => {
        const state = randomDeepState(data, { activation, conv: { pooling, kernelSize: 3, filters: 5 }, hidden: [12, 7] });
        const lean = deepLogits(state, data);
        const ref = await tfDeepLogits(state, data);
        expect(maxAbsDiff(lean, ref)).toBeLessThan(1e-5);
        // The logits are not all alike: the test would notice a wrong layer.
        expect(Math.max(...lean) - Math.min(...lean)).toBeGreaterThan(0.5);
      });
    }
  }

  it('agrees for even kernel sizes (asymmetric same-padding), no hidden layer, no wide term', async () => {
    for (const kernelSize of [1, 2, 4]) {
      const state = randomDeepState(data, { conv: { kernelSize, filters: 4 }, hidden: [], wide: false }, kernelSize);
      expect(maxAbsDiff(deepLogits(state, data), await tfDeepLogits(state, data))).toBeLessThan(1e-5);
    }
  });

  it('agrees on dense-only and sequence-only inputs', async () => {
    const denseOnly = syntheticDeepDataset({ n: 100, denseDim: 4 });
    const seqOnly = syntheticDeepDataset({ n: 100, denseDim: 0, sequences: [{ steps: 5, channels: 2 }] });
    for (const ds of [denseOnly, seqOnly]) {
      const state = randomDeepState(ds, { hidden: [8] });
      expect(maxAbsDiff(deepLogits(state, ds), await tfDeepLogits(state, ds))).toBeLessThan(1e-5);
    }
  });

  it('agrees within 1e-5 on a trained model, and the single-row entry gives the batch numbers', async () => {
    const ds = smallMixedDataset(700, 5);
    const { state } = await trainDeep(sliceDeepDataset(ds, 0, 500), sliceDeepDataset(ds, 500, 700), {
      epochs: 3,
      batchSize: 64,
      hidden: [16, 8],
      conv: { filters: 6 },
    });
    expect(state.training.epochsRun).toBe(3);
    const lean = deepLogits(state, ds);
    expect(maxAbsDiff(lean, await tfDeepLogits(state, ds))).toBeLessThan(1e-5);
    for (const r of [0, 17, 699]) expect(deepLogitRow(state, rowOf(ds, r))).toBe(lean[r]);
  });
});

describe('lean scorer vs the tfjs forward pass (wasm backend)', () => {
  it('agrees within 1e-4 (float32 summation order of XNNPACK)', async () => {
    await tf.setBackend('wasm');
    const data = smallMixedDataset(300);
    const state = randomDeepState(data, { hidden: [32, 16] });
    const diff = maxAbsDiff(deepLogits(state, data), await tfDeepLogits(state, data));
    expect(diff).toBeLessThan(1e-4);
    await tf.setBackend('cpu');
  });
});

describe('lean scorer input checks', () => {
  const data = smallMixedDataset(20);
  const state: DeepModelState = randomDeepState(data);

  it('rejects data whose schema differs from the model', () => {
    const renamed = { ...data, denseFeatures: data.denseFeatures.map((f, j) => (j === 2 ? 'other' : f)) };
    expect(() => deepLogits(state, renamed)).toThrow(/dense column 2 is 'other', the model expects 'x2'/);
    const fewerLevels = { ...data, categorical: [data.categorical[0]!, { ...data.categorical[1]!, cardinality: 8 }] };
    expect(() => deepLogits(state, fewerLevels)).toThrow(/categorical 1 is 'cat1' \(8 levels\)/);
  });

  it('names the row and column of a bad value', () => {
    const dense = data.dense.slice();
    dense[3 * data.denseDim + 1] = Number.NaN;
    expect(() => deepLogits(state, { ...data, dense })).toThrow(/row 3, column 1 \(x1\) is not finite/);
    const codes = data.categorical[1]!.codes.slice();
    codes[4] = 9;
    const categorical = [data.categorical[0]!, { ...data.categorical[1]!, codes }];
    expect(() => deepLogits(state, { ...data, categorical })).toThrow(/'cat1' at row 4: code 9 is outside \[0, 9\)/);
  });

  it('checks a single row', () => {
    const scorer = compileDeepScorer(state);
    const row = rowOf(data, 0);
    expect(() => scorer.logitRow({ ...row, dense: [1, 2] })).toThrow(/row.dense has 2 values, the model expects 5/);
    expect(() => scorer.logitRow({ ...row, categorical: [0, -1] })).toThrow(/row.categorical\[1\] \(cat1\): code -1/);
    expect(Number.isFinite(scorer.logitRow(row))).toBe(true);
  });
});
