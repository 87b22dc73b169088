// DeepDataset -> host arrays (each sequence group unfolded once, im2col, so the convolution is a
// plain matMul on every backend: wasm has no Conv2DBackpropFilter kernel) -> tfjs tensors per batch.
//
// Batches are cut on the host and uploaded step by step: slicing a large device tensor costs
// ~12 ms a slice on wasm whatever its size (measured: 391 slices of 100k x 32 took 4.9 s, the host
// cut and upload 48 ms), and the same trap on WebGPU (README.md, "GPU": 94 s an epoch that way).
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
export function unfoldSequence(values: Float32Array, n: number, steps: number, channels: number, kernelSize: number): Float32Array {
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

/** Host-side copies of the model's inputs, built once per dataset. */
export interface HostInputs {
  n: number;
  denseDim: number;
  dense: Float32Array;
  codes: Int32Array[];
  /** Per group: rows x steps x (kernelSize * channels). */
  unfolded: { values: Float32Array; steps: number; width: number }[];
  /** Per group: rows x (steps * channels); only when the wide term needs the raw cells. */
  raw: { values: Float32Array; width: number }[];
  labels: Float32Array | null;
  weights: Float32Array | null;
}

export function hostInputs(ds: DeepDataset, arch: DeepArchitecture, withTargets: boolean): HostInputs {
  const k = arch.conv.kernelSize;
  return {
    n: ds.n,
    denseDim: ds.denseDim,
    dense: ds.dense,
    codes: ds.categorical.map((c) => c.codes),
    unfolded: ds.sequences.map((s) => ({
      values: unfoldSequence(s.values, ds.n, s.steps, s.channels, k),
      steps: s.steps,
      width: k * s.channels,
    })),
    raw: arch.wide ? ds.sequences.map((s) => ({ values: s.values, width: s.steps * s.channels })) : [],
    labels: withTargets && ds.labels ? Float32Array.from(ds.labels) : null,
    weights: withTargets ? (ds.weights ?? new Float32Array(ds.n).fill(1)) : null,
  };
}

/** Copies the listed rows of a row-major table (rows x width). */
function gatherRows<T extends Float32Array | Int32Array>(values: T, width: number, rows: Int32Array): T {
  const out = new (values.constructor as { new (n: number): T })(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out.set(values.subarray(r * width, (r + 1) * width), i * width);
  }
  return out;
}

function upload(host: HostInputs, rows: number, cut: <T extends Float32Array | Int32Array>(values: T, width: number) => T): TfInputs {
  return {
    dense: host.denseDim > 0 ? tf.tensor2d(cut(host.dense, host.denseDim), [rows, host.denseDim], 'float32') : null,
    codes: host.codes.map((c) => tf.tensor1d(cut(c, 1), 'int32')),
    unfolded: host.unfolded.map((u) => tf.tensor3d(cut(u.values, u.steps * u.width), [rows, u.steps, u.width], 'float32')),
    raw: host.raw.map((r) => tf.tensor2d(cut(r.values, r.width), [rows, r.width], 'float32')),
    labels: host.labels ? tf.tensor2d(cut(host.labels, 1), [rows, 1], 'float32') : null,
    weights: host.weights ? tf.tensor2d(cut(host.weights, 1), [rows, 1], 'float32') : null,
  };
}

/** Tensors for the given rows, in that order (a training batch). */
export function uploadRows(host: HostInputs, rows: Int32Array): TfInputs {
  return upload(host, rows.length, (values, width) => gatherRows(values, width, rows));
}

/** Tensors for rows [begin, end) (a prediction chunk). */
export function uploadRange(host: HostInputs, begin: number, end: number): TfInputs {
  return upload(host, end - begin, (values, width) => values.subarray(begin * width, end * width) as typeof values);
}

export function disposeInputs(inputs: TfInputs): void {
  inputs.dense?.dispose();
  for (const t of [...inputs.codes, ...inputs.unfolded, ...inputs.raw]) t.dispose();
  inputs.labels?.dispose();
  inputs.weights?.dispose();
}
