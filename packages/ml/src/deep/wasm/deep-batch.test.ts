import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileKernelsWat } from '../../util/wasm/compile-wat.ts';
import { wasmApi } from '../../util/wasm/wasm-api.ts';
import { activation as activationPair } from '../activations.ts';
import { activations } from '../architecture.ts';
import { createDeepExplainer } from '../integrated-gradients.ts';
import { LeanDeepNetwork } from '../lean-network.ts';
import { centralDifference, randomDeepState, smallMixedDataset } from '../random-state.test-support.ts';
import { sliceDeepDataset, syntheticDeepDataset } from '../synthetic.ts';
import { hostInputs, uploadRange } from '../tf-inputs.ts';
import { disposeParameters, forward, parametersFromState } from '../tf-network.ts';
import type { DeepDataset, DeepModelState, DeepOptions } from '../types.ts';
import { DeepBatchScorer, instantiateDeepKernels } from './deep-batch.ts';
import { DEEP_KERNELS_WASM_BASE64 } from './kernels-binary.ts';

/** The float64 reference: the lean network's forward pass, row by row. */
function referenceLogits(state: DeepModelState, ds: DeepDataset): Float64Array {
  const net = new LeanDeepNetwork(state);
  const ws = net.createWorkspace();
  const x = new Float64Array(net.layout.width);
  return Float64Array.from({ length: ds.n }, (_, r) => {
    net.fillFromDataset(x, ds, r);
    return net.forward(x, ws);
  });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const data = smallMixedDataset(300);
const architectures: [string, DeepOptions, DeepDataset][] = [
  ...activations.flatMap((activation) =>
    (['flatten', 'mean'] as const).map((pooling): [string, DeepOptions, DeepDataset] => [
      `${activation}, ${pooling} pooling`,
      { activation, conv: { pooling, kernelSize: 3, filters: 5 }, hidden: [12, 7] },
      data,
    ]),
  ),
  ['even kernel, no hidden layer, no wide term', { conv: { kernelSize: 4, filters: 4 }, hidden: [], wide: false }, data],
  ['kernel 1, three hidden layers', { conv: { kernelSize: 1, filters: 9 }, hidden: [20, 11, 3] }, data],
  ['dense inputs only', { hidden: [8] }, syntheticDeepDataset({ n: 100, denseDim: 4 })],
  [
    'sequences only, no hidden layer',
    { hidden: [] },
    syntheticDeepDataset({ n: 100, denseDim: 0, sequences: [{ steps: 5, channels: 2 }] }),
  ],
];

describe('deep SIMD kernels', () => {
  it('the committed binary is kernels.wat compiled (run scripts/build-wasm.ts after editing it)', async () => {
    const wat = readFileSync(new URL('./kernels.wat', import.meta.url), 'utf8');
    expect(Buffer.from(await compileKernelsWat(wat)).toString('base64')).toBe(DEEP_KERNELS_WASM_BASE64);
  });

  it('activations and their derivatives in float32 agree with activations.ts to 2.5e-7', () => {
    const memory = new wasmApi.Memory({ initial: 2, maximum: 2, shared: true });
    const kernels = instantiateDeepKernels(memory);
    const n = 8000;
    const x = new Float32Array(memory.buffer, 16, n);
    for (let i = 0; i < n; i++) x[i] = -40 + (80 * i) / n + 0.0013;
    x[0] = 0;
    const out = new Float32Array(memory.buffer, 16 + n * 4, n);
    activations.forEach((name, kind) => {
      const pair = activationPair(name);
      for (const derivative of [0, 1]) {
        kernels.activate(16, n, 16 + n * 4, kind, derivative);
        for (let i = 0; i < n; i++) {
          const expected = derivative ? pair.df(x[i]!) : pair.f(x[i]!);
          if (!(Math.abs(out[i]! - expected) <= 2.5e-7 * Math.max(1, Math.abs(expected))))
            throw new Error(`${name}${derivative ? "'" : ''}(${x[i]}) = ${out[i]}, expected ${expected}`);
        }
      }
    });
  });
});

describe('batched deep forward pass vs the float64 reference', () => {
  for (const [name, options, ds] of architectures) {
    it(`agrees within 1e-5: ${name}`, () => {
      const state = randomDeepState(ds, options);
      const batched = new DeepBatchScorer(state, { batchSize: 64, points: 37 }).logits(ds);
      const reference = referenceLogits(state, ds);
      expect(maxAbsDiff(batched, reference)).toBeLessThan(1e-5);
      expect(Math.max(...reference) - Math.min(...reference)).toBeGreaterThan(0.5);
    });
  }

  it('gives every row the same bits whatever the batch size (1, 7, 4,096), the points per pass and the threads', async () => {
    const ds = smallMixedDataset(4100, 5);
    const state = randomDeepState(ds, { hidden: [16, 8] });
    const whole = new DeepBatchScorer(state, { batchSize: 4096 }).logits(ds);
    for (const batchSize of [1, 7]) {
      const part = sliceDeepDataset(ds, 0, 60);
      expect(Array.from(new DeepBatchScorer(state, { batchSize, points: 5 }).logits(part))).toEqual(Array.from(whole.subarray(0, 60)));
    }
    const threaded = new DeepBatchScorer(state, { batchSize: 4096, threads: 2, points: 128 });
    try {
      expect(Array.from(await threaded.logitsParallel(ds))).toEqual(Array.from(whole));
    } finally {
      await threaded.close();
    }
  });

  it('rejects data that does not match the model', () => {
    const state = randomDeepState(data);
    const renamed = { ...data, denseFeatures: data.denseFeatures.map((f, j) => (j === 2 ? 'other' : f)) };
    expect(() => new DeepBatchScorer(state).logits(renamed)).toThrow(/dense column 2 is 'other', the model expects 'x2'/);
    const dense = data.dense.slice();
    dense[3 * data.denseDim + 1] = Number.NaN;
    expect(() => new DeepBatchScorer(state).logits({ ...data, dense })).toThrow(/row 3, column 1 \(x1\) is not finite/);
    expect(() => new DeepBatchScorer(state, { batchSize: 0 })).toThrow(/batchSize must be a positive integer/);
    expect(() => new DeepBatchScorer(state, { batchSize: 20_000_000 })).toThrow(/more than its 4 GB: use a smaller batch size/);
  });
});

describe('batched backward pass (d logit / d x)', () => {
  const small = smallMixedDataset(6);

  for (const [name, options] of [
    ['swish, flatten pooling', { hidden: [9, 6] }],
    ['gelu, mean pooling, no hidden layer', { activation: 'gelu', conv: { pooling: 'mean' }, hidden: [] }],
    ['softplus, kernel 2', { activation: 'softplus', conv: { kernelSize: 2, filters: 3 }, hidden: [5] }],
    ['tanh, mean pooling', { activation: 'tanh', conv: { pooling: 'mean', filters: 4 }, hidden: [7, 4] }],
    ['elu', { activation: 'elu', hidden: [6] }],
    ['selu, no wide term', { activation: 'selu', hidden: [6], wide: false }],
  ] as [string, DeepOptions][]) {
    it(`matches central finite differences of the exact (float64) network within 2e-5: ${name}`, () => {
      const state = randomDeepState(small, options);
      const net = new LeanDeepNetwork(state);
      const ws = net.createWorkspace();
      const width = net.layout.width;
      const gradients = new DeepBatchScorer(state).inputGradients(small);
      const x = new Float64Array(width);
      for (let r = 0; r < small.n; r++) {
        net.fillFromDataset(x, small, r);
        for (let k = 0; k < width; k++) {
          const numeric = centralDifference(net, ws, x, k);
          expect(Math.abs(gradients[r * width + k]! - numeric)).toBeLessThan(2e-5 * (1 + Math.abs(numeric)));
        }
      }
      expect(gradients.some((g) => Math.abs(g) > 1e-2)).toBe(true);
    });
  }

  describe('against TensorFlow.js gradients (cpu backend)', () => {
    beforeAll(async () => {
      await tf.setBackend('cpu');
    });
    afterAll(() => tf.disposeVariables());

    /** tf.grads of the tfjs forward pass for one row: dense, embedding vectors (the table row's gradient) and sequence cells. */
    function tfGradient(state: DeepModelState, ds: DeepDataset, row: number): Float64Array {
      const net = new LeanDeepNetwork(state);
      const { layout, schema, arch } = net;
      const params = parametersFromState(state);
      const host = hostInputs(ds, arch, false);
      const inputs = uploadRange(host, row, row + 1);
      const k = arch.conv.kernelSize;
      const tables = schema.categorical.map((_, i) => params.variables.get(`embedding/${i}`)!);
      const xs = [inputs.dense!, ...inputs.unfolded, ...inputs.raw];
      const { grads } = tf.variableGrads(() => {
        return tf.sum<tf.Scalar>(forward(arch, schema, params, { ...inputs }, { dropoutSeed: null }));
      }, tables);
      const inputGrads = tf.grads((...t: tf.Tensor[]) => {
        const dense = t[0] as tf.Tensor2D;
        const unfolded = t.slice(1, 1 + schema.sequences.length) as tf.Tensor3D[];
        const raw = t.slice(1 + schema.sequences.length) as tf.Tensor2D[];
        return forward(arch, schema, params, { ...inputs, dense, unfolded, raw }, { dropoutSeed: null });
      })(xs);
      const out = new Float64Array(layout.width);
      const dense = inputGrads[0]!.dataSync();
      for (let j = 0; j < layout.denseDim; j++) out[j] = dense[j]!;
      schema.categorical.forEach((c, i) => {
        const dim = arch.embeddingDims[i]!;
        const code = ds.categorical[i]!.codes[row]!;
        const g = grads[tables[i]!.name]!.dataSync();
        for (let d = 0; d < dim; d++) out[layout.embeddingOffsets[i]! + d] = g[code * dim + d]!;
      });
      schema.sequences.forEach((s, g) => {
        // The convolution saw the cells through the unfolded copy; fold its gradient back, and add the wide term's.
        const unfolded = inputGrads[1 + g]!.dataSync();
        const raw = arch.wide ? inputGrads[1 + schema.sequences.length + g]!.dataSync() : null;
        const pad = Math.floor((k - 1) / 2);
        const at = layout.sequenceOffsets[g]!;
        for (let t = 0; t < s.steps; t++)
          for (let j = 0; j < k; j++) {
            const src = t + j - pad;
            if (src < 0 || src >= s.steps) continue;
            for (let c = 0; c < s.channels; c++) out[at + src * s.channels + c]! += unfolded[(t * k + j) * s.channels + c]!;
          }
        if (raw) for (let cell = 0; cell < s.steps * s.channels; cell++) out[at + cell]! += raw[cell]!;
      });
      disposeParameters(params);
      return out;
    }

    for (const options of [{ hidden: [9, 6] }, { activation: 'gelu', conv: { pooling: 'mean' }, hidden: [5] }] as DeepOptions[]) {
      it(`agree within 1e-5 (${options.activation ?? 'swish'})`, () => {
        const state = randomDeepState(small, options);
        const gradients = new DeepBatchScorer(state).inputGradients(small);
        const width = gradients.length / small.n;
        for (const row of [0, 3, 5]) {
          const expected = tfGradient(state, small, row);
          expect(maxAbsDiff(gradients.subarray(row * width, (row + 1) * width), expected)).toBeLessThan(1e-5);
        }
      });
    }
  });
});

describe('batched Integrated Gradients vs the float64 reference', () => {
  for (const [name, options, ds] of architectures.filter(([n]) => !/elu|selu/.test(n))) {
    it(`attributions agree within 1e-5 and add up within 1e-4: ${name}`, () => {
      const state = randomDeepState(ds, options);
      const scorer = new DeepBatchScorer(state, { batchSize: 50, points: 100 });
      const batched = scorer.explain(ds);
      const reference = createDeepExplainer(state).explainDataset(ds);
      const F = scorer.features.length;
      expect(scorer.features).toEqual(Object.keys(reference[0]!.attributions));
      for (let r = 0; r < ds.n; r++) {
        let sum = 0;
        scorer.features.forEach((feature, j) => {
          const a = batched.attributions[r * F + j]!;
          sum += a;
          expect(Math.abs(a - reference[r]!.attributions[feature]!)).toBeLessThan(1e-5);
        });
        expect(batched.gap[r]).toBeLessThanOrEqual(1e-4);
        expect(Math.abs(sum - (batched.logit[r]! - scorer.baselineLogit))).toBeCloseTo(batched.gap[r]!, 12);
      }
      expect(Math.abs(scorer.baselineLogit - reference[0]!.baselineLogit)).toBeLessThan(1e-5);
    });
  }

  it('refines rows whose gap is above the tolerance with more nodes, like the reference (elu: a kink in the derivative)', () => {
    const state = randomDeepState(data, { activation: 'elu', hidden: [12, 7] });
    const batched = new DeepBatchScorer(state, { points: 64 }).explain(data);
    const reference = createDeepExplainer(state).explainDataset(data);
    expect(Math.max(...batched.steps)).toBeGreaterThan(16);
    expect(Math.max(...batched.steps)).toBeLessThanOrEqual(1024);
    for (let r = 0; r < data.n; r++) expect(batched.gap[r]).toBeLessThanOrEqual(Math.max(1e-4, reference[r]!.gap * 2));
  });

  it('gives the same bits on 1, 7 or 4,096 rows a batch and on two threads', async () => {
    const ds = smallMixedDataset(500, 9);
    const state = randomDeepState(ds, { hidden: [10, 5] });
    const whole = new DeepBatchScorer(state, { batchSize: 4096 }).explain(ds);
    for (const batchSize of [1, 7]) {
      const part = new DeepBatchScorer(state, { batchSize, points: 48 }).explain(sliceDeepDataset(ds, 0, 30));
      expect(Array.from(part.attributions)).toEqual(Array.from(whole.attributions.subarray(0, part.attributions.length)));
      expect(Array.from(part.logit)).toEqual(Array.from(whole.logit.subarray(0, 30)));
    }
    const threaded = new DeepBatchScorer(state, { batchSize: 128, threads: 2 });
    try {
      const parallel = await threaded.explainParallel(ds);
      expect(Array.from(parallel.attributions)).toEqual(Array.from(whole.attributions));
      expect(Array.from(parallel.steps)).toEqual(Array.from(whole.steps));
    } finally {
      await threaded.close();
    }
  });
});
