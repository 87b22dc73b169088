// The deep network in tfjs ops: parameters as tf.Variables, the forward pass and the loss.
// Mirrors lean-network.ts op for op; scorer.test.ts checks that the two agree.
import * as tf from '@tensorflow/tfjs';
import { GELU_C, GELU_K } from './activations.ts';
import { parameterSpecs, sizeOf, type ParameterSpec } from './architecture.ts';
import { decodeFloat32 } from './base64.ts';
import { createRandom, mixSeed, uniformArray } from './random.ts';
import { disposeInputs, uploadRange, type HostInputs, type TfInputs } from './tf-inputs.ts';
import type { DeepActivation, DeepArchitecture, DeepModelState, DeepSchema } from './types.ts';

export interface TfParameters {
  specs: ParameterSpec[];
  variables: Map<string, tf.Variable>;
}

function applyActivation(name: DeepActivation, x: tf.Tensor): tf.Tensor {
  switch (name) {
    case 'swish':
      return tf.mul(x, tf.sigmoid(x));
    case 'gelu': {
      const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), GELU_K)), GELU_C);
      return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
    }
    case 'softplus':
      return tf.softplus(x);
    case 'tanh':
      return tf.tanh(x);
    case 'elu':
      return tf.elu(x);
    case 'selu':
      return tf.selu(x);
  }
}

/** Fresh parameters: Glorot-uniform kernels, small uniform embeddings, zero biases, all seeded. */
export function initialParameters(arch: DeepArchitecture, schema: DeepSchema, seed: number): TfParameters {
  const random = createRandom(mixSeed(seed, 1));
  const specs = parameterSpecs(arch, schema);
  const variables = new Map<string, tf.Variable>();
  for (const spec of specs) {
    const size = sizeOf(spec.shape);
    let values: Float32Array;
    if (spec.init === 'glorot') {
      const [fanIn, fanOut] = spec.shape as [number, number];
      values = uniformArray(size, Math.sqrt(6 / (fanIn + fanOut)), random);
    } else if (spec.init === 'embedding') {
      values = uniformArray(size, 0.05, random);
    } else {
      values = new Float32Array(size);
    }
    variables.set(spec.name, makeVariable(values, spec));
  }
  return { specs, variables };
}

/** Parameters read from a model state (warm start, or the tfjs forward pass of a saved model). */
export function parametersFromState(state: DeepModelState): TfParameters {
  const specs = parameterSpecs(state.architecture, state.schema);
  const variables = new Map<string, tf.Variable>();
  for (const spec of specs) {
    const t = state.weights[spec.name];
    if (!t) throw new Error(`deep model: weight '${spec.name}' is missing`);
    const values = decodeFloat32(t.data);
    if (values.length !== sizeOf(spec.shape)) {
      throw new Error(`deep model: weight '${spec.name}' has ${values.length} values, expected ${sizeOf(spec.shape)}`);
    }
    variables.set(spec.name, makeVariable(values, spec));
  }
  return { specs, variables };
}

let counter = 0;

function makeVariable(values: Float32Array, spec: ParameterSpec): tf.Variable {
  counter += 1;
  // tfjs variable names must be unique per process; several models may live side by side.
  const name = `deep_${spec.name.replaceAll('/', '_')}_${counter}`;
  const initial = tf.tensor(values, spec.shape, 'float32');
  const variable = tf.variable(initial, true, name);
  initial.dispose(); // the variable holds its own reference to the data
  return variable;
}

export function disposeParameters(params: TfParameters): void {
  for (const v of params.variables.values()) v.dispose();
}

/**
 * Inverted-dropout mask (0 or 1 / (1 - rate)) from the seeded mulberry32 PRNG. tf.dropout draws
 * its noise with seedrandom in JavaScript: the masks of one 100k-row epoch cost 0.45 s of CPU that
 * way and 0.25 s this way (measured on wasm, the multiply included).
 */
function dropoutMask(shape: [number, number], rate: number, seed: number): tf.Tensor2D {
  const random = createRandom(seed);
  const keep = 1 / (1 - rate);
  const mask = new Float32Array(shape[0] * shape[1]);
  for (let i = 0; i < mask.length; i++) mask[i] = random() < rate ? 0 : keep;
  return tf.tensor2d(mask, shape, 'float32');
}

export interface ForwardOptions {
  /** Dropout seed; null = inference (no dropout). */
  dropoutSeed: number | null;
}

/** Logits [rows, 1]. Call inside tf.tidy or a gradient function. */
export function forward(
  arch: DeepArchitecture,
  schema: DeepSchema,
  params: TfParameters,
  inputs: TfInputs,
  options: ForwardOptions,
): tf.Tensor2D {
  const v = (name: string): tf.Variable => params.variables.get(name)!;
  const parts: tf.Tensor[] = [];
  const wideParts: tf.Tensor[] = [];
  if (inputs.dense) {
    parts.push(inputs.dense);
    wideParts.push(inputs.dense);
  }
  schema.categorical.forEach((c, i) => {
    // oneHot x table instead of gather: gather's gradient needs UnsortedSegmentSum, absent on wasm.
    // oneHot stays int32 and is cast: wasm 4.22 ignores oneHot's dtype and writes int bits.
    const oneHot = tf.cast(tf.oneHot(inputs.codes[i]!, c.cardinality), 'float32');
    const emb = tf.matMul(oneHot, v(`embedding/${i}`));
    parts.push(emb);
    wideParts.push(emb);
  });
  const filters = arch.conv.filters;
  schema.sequences.forEach((s, g) => {
    const u = inputs.unfolded[g]!;
    const rows = u.shape[0];
    const flat = tf.reshape(u, [rows * s.steps, arch.conv.kernelSize * s.channels]);
    const pre = tf.add(tf.matMul(flat, v(`conv/${g}/kernel`)), v(`conv/${g}/bias`));
    const act = tf.reshape(applyActivation(arch.activation, pre), [rows, s.steps, filters]);
    parts.push(arch.conv.pooling === 'mean' ? tf.mean(act, 1) : tf.reshape(act, [rows, s.steps * filters]));
    if (arch.wide) wideParts.push(inputs.raw[g]!);
  });
  let h = parts.length === 1 ? parts[0]! : tf.concat(parts, 1);
  arch.hidden.forEach((_, l) => {
    h = applyActivation(arch.activation, tf.add(tf.matMul(h, v(`hidden/${l}/kernel`)), v(`hidden/${l}/bias`)));
    if (options.dropoutSeed !== null && arch.dropout > 0) {
      h = tf.mul(h, dropoutMask(h.shape as [number, number], arch.dropout, mixSeed(options.dropoutSeed, l)));
    }
  });
  let logit = tf.add(tf.matMul(h, v('output/kernel')), v('output/bias'));
  if (arch.wide) {
    const x = wideParts.length === 1 ? wideParts[0]! : tf.concat(wideParts, 1);
    logit = tf.add(logit, tf.matMul(x, v('wide/kernel')));
  }
  return logit as tf.Tensor2D;
}

/** Weighted mean binary cross-entropy on logits, plus the L2 penalty on kernels and embeddings. */
export function loss(logits: tf.Tensor2D, labels: tf.Tensor2D, weights: tf.Tensor2D, params: TfParameters, l2: number): tf.Scalar {
  // max(z, 0) - z y + log(1 + exp(-|z|)): stable for any logit.
  const perRow = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, labels)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
  let total = tf.div<tf.Scalar>(tf.sum(tf.mul(perRow, weights)), tf.maximum(tf.sum(weights), 1e-12));
  if (l2 > 0) {
    const penalised = params.specs.filter((s) => s.init !== 'zeros' || s.group === 'wide');
    const squares = penalised.map((s) => tf.sum(tf.square(params.variables.get(s.name)!)));
    // Summed pairwise, not with addN: WebGPU runs addN as one shader binding every input, and Dawn's
    // default limit of 8 storage buffers per stage made a model with 14 penalised tensors fail there.
    if (squares.length > 0)
      total = tf.add<tf.Scalar>(
        total,
        tf.mul(
          squares.reduce((sum, sq) => tf.add(sum, sq)),
          l2,
        ),
      );
  }
  return total;
}

/** The tfjs forward pass over many rows, uploaded in chunks; returns float32 logits. */
export async function predictLogits(
  arch: DeepArchitecture,
  schema: DeepSchema,
  params: TfParameters,
  host: HostInputs,
  batchSize: number,
): Promise<Float32Array> {
  const out = new Float32Array(host.n);
  for (let at = 0; at < host.n; at += batchSize) {
    const chunk = uploadRange(host, at, Math.min(host.n, at + batchSize));
    const logits = tf.tidy(() => forward(arch, schema, params, chunk, { dropoutSeed: null }));
    disposeInputs(chunk);
    out.set(await logits.data(), at);
    logits.dispose();
  }
  return out;
}
