import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { applyInputTransform, fitRankGauss, rankGaussValue } from './input-transform.ts';
import { createDeepExplainer } from './integrated-gradients.ts';
import { smallMixedDataset } from './random-state.test-support.ts';
import { deepLogits, compileDeepScorer } from './scorer.ts';
import { deserializeDeep, serializeDeep } from './serialize.ts';
import { sliceDeepDataset } from './synthetic.ts';
import { tfDeepLogits } from './tf-predict.ts';
import { trainDeep } from './train.ts';
import type { DeepDataset } from './types.ts';

/** One heavy-tailed column (a spike near 0 and outliers up to 1e4), one binary column. */
function heavyTailed(n: number): DeepDataset {
  const dense = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    dense[i * 2] = i % 50 === 0 ? 1e4 * (i / n) : ((i * 7919) % 97) / 1000;
    dense[i * 2 + 1] = i % 3 === 0 ? 1 : 0;
  }
  return { n, dense, denseDim: 2, denseFeatures: ['ratio', 'ratio'], categorical: [], sequences: [] };
}

describe('rank-gauss input transform', () => {
  it('maps a heavy-tailed column monotonically into bounded normal scores and leaves a binary column alone', () => {
    const ds = heavyTailed(1000);
    const t = fitRankGauss(ds);
    expect(t.knots[1]).toEqual([]);
    const out = applyInputTransform(t, ds);
    let mean = 0;
    for (let i = 0; i < ds.n; i++) {
      expect(out.dense[i * 2 + 1]).toBe(ds.dense[i * 2 + 1]);
      expect(Math.abs(out.dense[i * 2]!)).toBeLessThan(2.5);
      mean += out.dense[i * 2]! / ds.n;
    }
    expect(Math.abs(mean)).toBeLessThan(0.1);
    // Monotone: sorting by the raw value sorts the transformed value.
    const order = Array.from({ length: ds.n }, (_, i) => i).sort((a, b) => ds.dense[a * 2]! - ds.dense[b * 2]!);
    for (let k = 1; k < order.length; k++) expect(out.dense[order[k]! * 2]!).toBeGreaterThanOrEqual(out.dense[order[k - 1]! * 2]!);
    // Flat beyond the outer knots, linear between them.
    const [k0, k1] = [t.knots[0]![0]!, t.knots[0]![1]!];
    expect(rankGaussValue(t.knots[0]!, t.scores[0]!, -1e9)).toBe(t.scores[0]![0]);
    expect(rankGaussValue(t.knots[0]!, t.scores[0]!, (k0 + k1) / 2)).toBeCloseTo((t.scores[0]![0]! + t.scores[0]![1]!) / 2, 12);
  });

  it('is stored in the model: the lean scorers, tfjs and explanations all see the transformed inputs', async () => {
    await tf.setBackend('wasm');
    const ds = smallMixedDataset(700, 13);
    // Make the dense inputs heavy-tailed, as financial ratios are.
    for (let i = 0; i < ds.dense.length; i++) ds.dense[i] = Math.sinh(3 * ds.dense[i]!);
    const train = sliceDeepDataset(ds, 0, 500);
    const validation = sliceDeepDataset(ds, 500, 700);
    const options = { epochs: 3, batchSize: 64, hidden: [8], conv: { filters: 4 }, inputs: 'rank-gauss' as const, seed: 3 };
    const a = await trainDeep(train, validation, options);
    const b = await trainDeep(train, validation, options);
    // Deterministic, transform included (timings aside).
    expect(JSON.stringify([b.state.inputTransform, b.state.weights])).toBe(JSON.stringify([a.state.inputTransform, a.state.weights]));
    const state = deserializeDeep(serializeDeep(a.state));
    expect(state.inputTransform!.knots.length).toBe(ds.denseDim);
    const batch = deepLogits(state, validation);
    const reference = compileDeepScorer(state).logits(validation);
    const onTf = await tfDeepLogits(state, validation);
    for (let i = 0; i < validation.n; i++) {
      expect(Math.abs(batch[i]! - a.validationLogits[i]!)).toBeLessThan(1e-4);
      expect(Math.abs(reference[i]! - a.validationLogits[i]!)).toBeLessThan(1e-4);
      expect(Math.abs(onTf[i]! - a.validationLogits[i]!)).toBeLessThan(1e-5);
    }
    for (const e of createDeepExplainer(state, { tolerance: 1e-6 }).explainDataset(validation, [0, 1, 2])) {
      const sum = Object.values(e.attributions).reduce((s, v) => s + v, 0);
      expect(Math.abs(sum - (e.logit - e.baselineLogit))).toBeLessThan(1e-5);
    }
  });

  it('refuses a stored transform with knots out of order, naming the field', async () => {
    await tf.setBackend('wasm');
    const ds = smallMixedDataset(300, 5);
    const r = await trainDeep(sliceDeepDataset(ds, 0, 200), sliceDeepDataset(ds, 200, 300), {
      epochs: 1,
      hidden: [4],
      conv: { filters: 2 },
      inputs: 'rank-gauss',
    });
    const bad = structuredClone(r.state);
    const j = bad.inputTransform!.knots.findIndex((k) => k.length > 2);
    bad.inputTransform!.knots[j]!.reverse();
    expect(() => deserializeDeep(JSON.stringify(bad))).toThrow(`inputTransform.knots[${j}]`);
  });
});
