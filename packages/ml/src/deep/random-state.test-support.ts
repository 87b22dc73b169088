// Test helper: a model state with random (not trained) weights, built without tfjs, so tests can
// exercise the lean network on any architecture in milliseconds.
import { parameterSpecs, resolveArchitecture, schemaOf, sizeOf } from './architecture.ts';
import type { LeanDeepNetwork, Workspace } from './lean-network.ts';
import { encodeFloat32 } from './base64.ts';
import { createRandom, mixSeed } from './random.ts';
import { syntheticDeepDataset } from './synthetic.ts';
import type { DeepDataset, DeepModelState, DeepOptions } from './types.ts';

export function randomDeepState(ds: DeepDataset, options: DeepOptions = {}, seed = 3): DeepModelState {
  const schema = schemaOf(ds);
  const architecture = resolveArchitecture(schema, options);
  const random = createRandom(mixSeed(seed, 99));
  const weights: DeepModelState['weights'] = {};
  for (const spec of parameterSpecs(architecture, schema)) {
    const size = sizeOf(spec.shape);
    // Biases and the wide term get values too, so every path of the maths is exercised.
    const scale = spec.init === 'glorot' ? Math.sqrt(6 / (spec.shape[0]! + spec.shape[1]!)) * 1.5 : spec.init === 'embedding' ? 0.8 : 0.3;
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = (random() * 2 - 1) * scale;
    weights[spec.name] = { shape: [...spec.shape], data: encodeFloat32(values) };
  }
  return {
    format: 'probity-deep',
    version: 1,
    architecture,
    schema,
    weights,
    training: {
      seed,
      backend: 'none',
      epochsRun: 0,
      bestEpoch: 0,
      monitor: 'valLoss',
      seconds: 0,
      history: [],
      initial: { valLoss: NaN, valAuc: NaN },
      warmStarted: false,
      hyper: { learningRate: 0, batchSize: 0, l2: 0, patience: 0, freezeEpochs: 0 },
    },
  };
}

/** A small dataset with every kind of input (dense, two categoricals, two sequence groups). */
export function smallMixedDataset(n: number, seed = 11): DeepDataset {
  return syntheticDeepDataset({
    n,
    denseDim: 5,
    cardinalities: [3, 9],
    sequences: [
      { steps: 6, channels: 3 },
      { steps: 4, channels: 1 },
    ],
    seed,
  });
}

/** d logit / d x[k] by central differences of the float64 network (x is restored). */
export function centralDifference(net: LeanDeepNetwork, ws: Workspace, x: Float64Array, k: number, h = 1e-5): number {
  const keep = x[k]!;
  x[k] = keep + h;
  const up = net.forward(x, ws);
  x[k] = keep - h;
  const down = net.forward(x, ws);
  x[k] = keep;
  return (up - down) / (2 * h);
}
