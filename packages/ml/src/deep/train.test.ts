import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { smallMixedDataset } from './random-state.test-support.ts';
import { deepLogits } from './scorer.ts';
import { sliceDeepDataset } from './synthetic.ts';
import { trainDeep } from './train.ts';
import type { DeepDataset, DeepEpochEvent, DeepOptions } from './types.ts';
import { logLossFromLogits } from './validation-metrics.ts';

const ds = smallMixedDataset(800, 31);
const train = sliceDeepDataset(ds, 0, 600);
const validation = sliceDeepDataset(ds, 600, 800);
const tiny: DeepOptions = { epochs: 2, batchSize: 64, hidden: [12, 6], conv: { filters: 4 }, dropout: 0.2 };

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const meanPd = (state: Parameters<typeof deepLogits>[0], data: DeepDataset): number =>
  Array.from(deepLogits(state, data)).reduce((a, z) => a + sigmoid(z), 0) / data.n;

describe('trainDeep reproducibility', () => {
  for (const backend of ['cpu', 'wasm']) {
    it(`gives bit-identical weights for the same seed on ${backend}, other weights for another seed`, async () => {
      await tf.setBackend(backend);
      const small = sliceDeepDataset(train, 0, backend === 'cpu' ? 250 : 600);
      const a = await trainDeep(small, validation, { ...tiny, seed: 5 });
      const b = await trainDeep(small, validation, { ...tiny, seed: 5 });
      const c = await trainDeep(small, validation, { ...tiny, seed: 6 });
      expect(a.backend).toBe(backend);
      expect(a.state.training.backend).toBe(backend);
      expect(b.state.weights).toEqual(a.state.weights);
      expect(b.state.training.history.map((h) => h.loss)).toEqual(a.state.training.history.map((h) => h.loss));
      expect(c.state.weights['hidden/0/kernel']!.data).not.toBe(a.state.weights['hidden/0/kernel']!.data);
    });
  }
});

describe('trainDeep on wasm', () => {
  it('learns, reports each epoch, and keeps the best epoch by validation loss', async () => {
    await tf.setBackend('wasm');
    const events: DeepEpochEvent[] = [];
    const result = await trainDeep(
      train,
      validation,
      { ...tiny, epochs: 40, patience: 3, learningRate: 0.01, seed: 2 },
      { onEpoch: (e) => events.push(e) },
    );
    const { training } = result.state;
    expect(events.length).toBe(training.epochsRun);
    expect(training.epochsRun).toBeLessThan(40); // stopped early
    expect(events.at(-1)!.etaSeconds).toBe(0);
    expect(events[0]!.etaSeconds).toBeGreaterThan(0);
    expect(events.every((e) => e.epochs === 40 && e.seconds > 0)).toBe(true);
    const best = training.history[training.bestEpoch - 1]!;
    expect(Math.min(...training.history.map((h) => h.valLoss))).toBe(best.valLoss);
    // The restored weights are the best epoch's: the lean scorer reproduces its validation loss.
    const valLoss = logLossFromLogits(validation.labels!, deepLogits(result.state, validation));
    expect(Math.abs(valLoss - best.valLoss)).toBeLessThan(1e-5);
    expect(best.valLoss).toBeLessThan(training.initial.valLoss);
    expect(best.valAuc).toBeGreaterThan(0.7);
    expect(result.validationLogits.length).toBe(validation.n);
  });

  it('honours sample weights: up-weighting defaults raises the predicted default rate', async () => {
    await tf.setBackend('wasm');
    const weights = Float32Array.from(train.labels!, (y) => (y === 1 ? 4 : 1));
    const plain = await trainDeep(train, validation, { ...tiny, epochs: 8, learningRate: 0.005 });
    const weighted = await trainDeep({ ...train, weights }, validation, { ...tiny, epochs: 8, learningRate: 0.005 });
    const rate = Array.from(train.labels!).reduce((a, y) => a + y, 0) / train.n;
    expect(Math.abs(meanPd(plain.state, train) - rate)).toBeLessThan(0.05);
    expect(meanPd(weighted.state, train)).toBeGreaterThan(meanPd(plain.state, train) + 0.15);
  });
});

describe('warm start (transfer learning)', () => {
  it('starts from the given model and can freeze embeddings and the sequence branch', async () => {
    await tf.setBackend('wasm');
    const source = await trainDeep(train, validation, { ...tiny, epochs: 1, seed: 8 });
    const segment = sliceDeepDataset(ds, 300, 600);
    const scratch = await trainDeep(segment, validation, { ...tiny, epochs: 1, seed: 8 });
    const tuned = await trainDeep(segment, validation, { epochs: 1, seed: 8, init: source.state, freezeEpochs: 1 });

    // The starting point is the source model, not a random one.
    const sourceLoss = logLossFromLogits(validation.labels!, deepLogits(source.state, validation));
    expect(Math.abs(tuned.state.training.initial.valLoss - sourceLoss)).toBeLessThan(1e-5);
    expect(Math.abs(scratch.state.training.initial.valLoss - sourceLoss)).toBeGreaterThan(1e-3);
    expect(tuned.state.training.warmStarted).toBe(true);
    expect(tuned.state.architecture).toEqual(source.state.architecture);

    // Frozen for its only epoch: embeddings and the convolution are the source's, the MLP moved.
    expect(tuned.state.training.history[0]!.frozen).toBe(true);
    expect(tuned.state.training.bestEpoch).toBe(1);
    for (const name of ['embedding/0', 'embedding/1', 'conv/0/kernel', 'conv/1/bias']) {
      expect(tuned.state.weights[name]).toEqual(source.state.weights[name]);
    }
    expect(tuned.state.weights['hidden/0/kernel']!.data).not.toBe(source.state.weights['hidden/0/kernel']!.data);

    // Past the frozen epochs everything trains (a fresh Adam state for the longer variable list).
    const thawed = await trainDeep(segment, validation, { epochs: 3, seed: 8, init: source.state, freezeEpochs: 1, patience: 5 });
    expect(thawed.state.training.history.map((h) => h.frozen)).toEqual([true, false, false]);
    expect(thawed.state.training.bestEpoch).toBeGreaterThan(1);
    expect(thawed.state.weights['embedding/1']!.data).not.toBe(source.state.weights['embedding/1']!.data);
  });

  it('leaves no tensors behind', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const source = await trainDeep(train, validation, { ...tiny, epochs: 1 });
    await trainDeep(train, validation, { epochs: 2, init: source.state, freezeEpochs: 1 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a model trained on other features', async () => {
    await tf.setBackend('wasm');
    const source = await trainDeep(train, validation, { ...tiny, epochs: 1 });
    const other = { ...train, denseFeatures: train.denseFeatures.map((f, j) => (j === 0 ? 'income' : f)) };
    await expect(trainDeep(other, validation, { init: source.state })).rejects.toThrow(
      /training data \(warm start\): dense column 0 is 'income', the model expects 'x0'/,
    );
  });
});

describe('trainDeep input checks', () => {
  it('names the dataset, row and field of bad input, and bad options', async () => {
    await tf.setBackend('wasm');
    const { labels: _, ...unlabelled } = validation;
    await expect(trainDeep(train, unlabelled, tiny)).rejects.toThrow(/validation data: labels are required/);
    const labels = train.labels!.slice();
    labels[7] = 2;
    await expect(trainDeep({ ...train, labels }, validation, tiny)).rejects.toThrow(/training data: label at row 7 is 2/);
    const weights = new Float32Array(train.n).fill(1);
    weights[3] = -1;
    await expect(trainDeep({ ...train, weights }, validation, tiny)).rejects.toThrow(/training data: weight at row 3 is -1/);
    await expect(trainDeep(train, validation, { epochs: 0 })).rejects.toThrow(/epochs must be a positive integer/);
    await expect(trainDeep(train, validation, { embeddingDims: [2] })).rejects.toThrow(/embeddingDims has 1 entries/);
    const oneClass = { ...validation, labels: new Uint8Array(validation.n) };
    await expect(trainDeep(train, oneClass, { monitor: 'valAuc' })).rejects.toThrow(/monitor 'valAuc' needs both defaults/);
  });
});
