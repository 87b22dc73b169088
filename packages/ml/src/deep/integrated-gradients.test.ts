import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { gaussLegendre } from './gauss-legendre.ts';
import { createDeepExplainer } from './integrated-gradients.ts';
import { LeanDeepNetwork } from './lean-network.ts';
import { createRandom } from './random.ts';
import { centralDifference, randomDeepState, smallMixedDataset } from './random-state.test-support.ts';
import { compileDeepScorer } from './scorer.ts';
import { sliceDeepDataset } from './synthetic.ts';
import { trainDeep } from './train.ts';
import type { DeepActivation, DeepModelState, DeepPooling } from './types.ts';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/gauss-legendre.json', import.meta.url), 'utf8')) as {
  rules: Record<string, { nodes: number[]; weights: number[] }>;
};

describe('Gauss-Legendre rules', () => {
  it('match numpy.polynomial.legendre.leggauss (fixtures/gauss_legendre.py)', () => {
    for (const [n, rule] of Object.entries(fixture.rules)) {
      const q = gaussLegendre(Number(n));
      rule.nodes.forEach((x, i) => expect(Math.abs(q.nodes[i]! - x)).toBeLessThan(1e-13));
      rule.weights.forEach((w, i) => expect(Math.abs(q.weights[i]! - w)).toBeLessThan(1e-13));
    }
  });
});

describe('hand-written backward pass', () => {
  const data = smallMixedDataset(10);
  const cases: [DeepActivation, DeepPooling][] = [
    ['swish', 'flatten'],
    ['gelu', 'mean'],
    ['softplus', 'flatten'],
    ['tanh', 'mean'],
    ['elu', 'flatten'],
    ['selu', 'mean'],
  ];
  for (const [activation, pooling] of cases) {
    it(`matches central finite differences: ${activation}, ${pooling} pooling`, () => {
      const net = new LeanDeepNetwork(randomDeepState(data, { activation, conv: { pooling, kernelSize: 3, filters: 4 }, hidden: [9, 6] }));
      const ws = net.createWorkspace();
      const width = net.layout.width;
      const random = createRandom(17);
      const x = new Float64Array(width);
      const grad = new Float64Array(width);
      for (let trial = 0; trial < 3; trial++) {
        for (let k = 0; k < width; k++) x[k] = (random() * 2 - 1) * 1.5;
        net.forward(x, ws);
        net.backward(ws, grad);
        for (let k = 0; k < width; k++) {
          const numeric = centralDifference(net, ws, x, k);
          expect(Math.abs(grad[k]! - numeric)).toBeLessThan(1e-6 * (1 + Math.abs(numeric)));
        }
        // The gradient is not trivially zero.
        expect(grad.some((g) => Math.abs(g) > 1e-3)).toBe(true);
      }
    });
  }
});

describe('Integrated Gradients on a trained model', () => {
  const ds = smallMixedDataset(900, 23);
  const train = sliceDeepDataset(ds, 0, 700);
  let state: DeepModelState;

  beforeAll(async () => {
    await tf.setBackend('wasm');
    ({ state } = await trainDeep(train, sliceDeepDataset(ds, 700, 900), {
      epochs: 4,
      batchSize: 64,
      hidden: [16, 8],
      conv: { filters: 6 },
    }));
  });

  it('is complete: attributions sum to logit - baselineLogit (gap <= 1e-4) on random rows', () => {
    const explainer = createDeepExplainer(state);
    const random = createRandom(5);
    const rows = Array.from({ length: 25 }, () => Math.floor(random() * ds.n));
    const logits = compileDeepScorer(state).logits(ds);
    const explanations = explainer.explainDataset(ds, rows);
    explanations.forEach((e, i) => {
      expect(e.logit).toBeCloseTo(logits[rows[i]!]!, 12);
      const sum = Object.values(e.attributions).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - (e.logit - e.baselineLogit))).toBeLessThan(1e-3);
      expect(e.gap).toBeLessThanOrEqual(1e-4);
      expect(Math.abs(sum - (e.logit - e.baselineLogit) - 0)).toBeCloseTo(e.gap, 12);
    });
    // Real explanations: the rows do not all sit at the baseline.
    expect(explanations.some((e) => Math.abs(e.logit - e.baselineLogit) > 0.1)).toBe(true);
  });

  it('reports per original feature: dense columns, categorical features, sequence cells by column name', () => {
    const explainer = createDeepExplainer(state);
    const expected = [...ds.denseFeatures, ...ds.categorical.map((c) => c.feature), ...ds.sequences.flatMap((s) => s.features.flat())];
    expect(explainer.features).toEqual(expected);
    const e = explainer.explainDataset(ds, [3])[0]!;
    expect(Object.keys(e.attributions)).toEqual(expected);
  });

  it('uses the training-frequency-weighted mean embedding as the categorical baseline', () => {
    const explainer = createDeepExplainer(state);
    const net = new LeanDeepNetwork(state);
    const i = 1;
    const c = state.schema.categorical[i]!;
    const counts = new Array<number>(c.cardinality).fill(0);
    train.categorical[i]!.codes.forEach((code) => (counts[code]! += 1));
    const dim = state.architecture.embeddingDims[i]!;
    const at = net.layout.embeddingOffsets[i]!;
    for (let k = 0; k < dim; k++) {
      let mean = 0;
      counts.forEach((count, level) => (mean += (count / train.n) * net.embedding(i, level)[k]!));
      expect(explainer.baseline[at + k]).toBeCloseTo(mean, 12);
    }
    // Dense and sequence baselines are the standardised training mean: zero.
    expect(Array.from(explainer.baseline.subarray(0, ds.denseDim))).toEqual(new Array(ds.denseDim).fill(0));
    const ws = net.createWorkspace();
    expect(explainer.baselineLogit).toBe(net.forward(explainer.baseline, ws));
  });

  it('gives zero to a feature at its baseline value, and explainRow equals explainDataset', () => {
    const explainer = createDeepExplainer(state);
    const r = 11;
    const row = {
      dense: Array.from(ds.dense.subarray(r * ds.denseDim, (r + 1) * ds.denseDim)),
      categorical: ds.categorical.map((c) => c.codes[r]!),
      sequences: ds.sequences.map((s) => s.values.subarray(r * s.steps * s.channels, (r + 1) * s.steps * s.channels)),
    };
    expect(explainer.explainRow(row)).toEqual(explainer.explainDataset(ds, [r])[0]);
    row.dense[2] = 0;
    const e = explainer.explainRow(row);
    expect(e.attributions.x2).toBe(0);
    expect(Math.abs(e.attributions.x0!)).toBeGreaterThan(0);
  });

  it('adapts the quadrature: few nodes leave a larger gap than the adaptive rule', () => {
    const coarse = createDeepExplainer(state, { minSteps: 1, maxSteps: 1, tolerance: 1e-12 }).explainDataset(ds, [0, 1, 2, 3, 4]);
    const fine = createDeepExplainer(state).explainDataset(ds, [0, 1, 2, 3, 4]);
    const worstCoarse = Math.max(...coarse.map((e) => e.gap));
    const worstFine = Math.max(...fine.map((e) => e.gap));
    expect(coarse.every((e) => e.steps === 1)).toBe(true);
    expect(worstFine).toBeLessThan(worstCoarse);
    expect(worstFine).toBeLessThanOrEqual(1e-4);
  });
});

describe('padding cells in a sequence group', () => {
  it('are reported under "<group>:padding" so completeness still holds', () => {
    const data = smallMixedDataset(5);
    const seq = data.sequences[1]!;
    const features = seq.features.map((row, t) => (t === 0 ? [''] : row));
    const padded = { ...data, sequences: [data.sequences[0]!, { ...seq, features }] };
    const explainer = createDeepExplainer(randomDeepState(padded));
    expect(explainer.features).toContain('seq1:padding');
    const e = explainer.explainDataset(padded, [0])[0]!;
    const sum = Object.values(e.attributions).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - (e.logit - e.baselineLogit))).toBeLessThan(1e-3);
  });
});
