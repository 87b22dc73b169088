// DeepDataset -> tfjs tensors, with each sequence group unfolded on the CPU once (im2col) so the
// convolution is a plain matMul on every backend (wasm has no Conv2DBackpropFilter kernel).
import * as tf from '@tensorflow/tfjs';
import { convPadBefore } from './architecture.ts';
import type { DeepArchitecture, DeepDataset } from './types.ts';

/** The model's inputs for a set of rows; every tensor has the rows on axis 0. */
export interface TfInputs {
  dense: tf.Tensor2D | null;
  codes: tf.Tensor1D[];
  /** Per group: [rows, steps, kernelSize * channels]. */
  unfolded: tf.Tensor3D[];
  /** Per group: [rows, steps * channels], only when the wide term needs the raw cells. */
  raw: tf.Tensor2D[];
  labels: tf.Tensor2D | null;
  weights: tf.Tensor2D | null;
}

/** out[r, t, j * channels + c] = values[r, t + j - padBefore, c], zero outside the sequence. */
export function unfoldSequence(
  values: Float32Array,
  n: number,
  steps: number,
  channels: number,
  kernelSize: number,
): Float32Array {
  const pad = convPadBefore(kernelSize);
  const width = kernelSize * channels;
  const out = new Float32Array(n * steps * width);
  for (let r = 0; r < n; r++) {
    const src = r * steps * channels;
    for (let t = 0; t < steps; t++) {
      const dst = (r * steps + t) * width;
      for (let j = 0; j < kernelSize; j++) {
        const s = t + j - pad;
        if (s < 0 || s >= steps) continue;
        for (let c = 0; c < channels; c++) out[dst + j * channels + c] = values[src + s * channels + c]!;
      }
    }
  }
  return out;
}

export function toTensors(ds: DeepDataset, arch: DeepArchitecture, withTargets: boolean): TfInputs {
  const k = arch.conv.kernelSize;
  return {
    dense: ds.denseDim > 0 ? tf.tensor2d(ds.dense, [ds.n, ds.denseDim], 'float32') : null,
    codes: ds.categorical.map((c) => tf.tensor1d(c.codes, 'int32')),
    unfolded: ds.sequences.map((s) =>
      tf.tensor3d(unfoldSequence(s.values, ds.n, s.steps, s.channels, k), [ds.n, s.steps, k * s.channels], 'float32'),
    ),
    raw: arch.wide ? ds.sequences.map((s) => tf.tensor2d(s.values, [ds.n, s.steps * s.channels], 'float32')) : [],
    labels: withTargets && ds.labels ? tf.tensor2d(Float32Array.from(ds.labels), [ds.n, 1], 'float32') : null,
    weights: withTargets ? tf.tensor2d(ds.weights ?? new Float32Array(ds.n).fill(1), [ds.n, 1], 'float32') : null,
  };
}

function mapInputs(inputs: TfInputs, fn: <T extends tf.Tensor>(t: T) => T): TfInputs {
  return {
    dense: inputs.dense ? fn(inputs.dense) : null,
    codes: inputs.codes.map(fn),
    unfolded: inputs.unfolded.map(fn),
    raw: inputs.raw.map(fn),
    labels: inputs.labels ? fn(inputs.labels) : null,
    weights: inputs.weights ? fn(inputs.weights) : null,
  };
}

export function disposeInputs(inputs: TfInputs): void {
  mapInputs(inputs, (t) => {
    t.dispose();
    return t;
  });
}

/**
 * Shuffles the rows once on the device and cuts them into batches in one split per tensor,
 * so the training loop never slices the full tensors step by step.
 */
export function shuffledBatches(inputs: TfInputs, order: Int32Array, batchSize: number): TfInputs[] {
  const n = order.length;
  const sizes: number[] = [];
  for (let at = 0; at < n; at += batchSize) sizes.push(Math.min(batchSize, n - at));
  const index = tf.tensor1d(order, 'int32');
  const split = <T extends tf.Tensor>(t: T): T[] => {
    const gathered = tf.gather(t, index);
    const parts = tf.split(gathered, sizes, 0) as T[];
    gathered.dispose();
    return parts;
  };
  const dense = inputs.dense ? split(inputs.dense) : null;
  const codes = inputs.codes.map(split);
  const unfolded = inputs.unfolded.map(split);
  const raw = inputs.raw.map(split);
  const labels = inputs.labels ? split(inputs.labels) : null;
  const weights = inputs.weights ? split(inputs.weights) : null;
  index.dispose();
  return sizes.map((_, b) => ({
    dense: dense ? dense[b]! : null,
    codes: codes.map((parts) => parts[b]!),
    unfolded: unfolded.map((parts) => parts[b]!),
    raw: raw.map((parts) => parts[b]!),
    labels: labels ? labels[b]! : null,
    weights: weights ? weights[b]! : null,
  }));
}
