// Network shape: defaults, the input layout and the list of parameters (names, shapes, roles).
// Shared by the tfjs trainer and the lean scorer, so both read the weights the same way.
import type { DeepArchitecture, DeepDataset, DeepOptions, DeepSchema } from './types.ts';

export const activations = ['swish', 'gelu', 'softplus', 'tanh', 'elu', 'selu'] as const;

/** The training batch size when none is given (the backend choice depends on it, see backend/select.ts). */
export const DEFAULT_DEEP_BATCH_SIZE = 256;

/** Embedding width rule of thumb (fast.ai): min(16, ceil(1.6 * cardinality^0.56)). */
export function embeddingSize(cardinality: number): number {
  return Math.min(16, Math.ceil(1.6 * Math.pow(cardinality, 0.56)));
}

/** Zero padding before the first step for a 'same' convolution (after = kernelSize - 1 - before). */
export function convPadBefore(kernelSize: number): number {
  return Math.floor((kernelSize - 1) / 2);
}

export function schemaOf(ds: DeepDataset): DeepSchema {
  return {
    denseFeatures: [...ds.denseFeatures],
    categorical: ds.categorical.map((c) => {
      const counts = new Array<number>(c.cardinality).fill(0);
      for (let i = 0; i < c.codes.length; i++) counts[c.codes[i]!]! += 1;
      return { feature: c.feature, cardinality: c.cardinality, counts };
    }),
    sequences: ds.sequences.map((s) => ({
      name: s.name,
      steps: s.steps,
      channels: s.channels,
      features: s.features.map((row) => [...row]),
    })),
  };
}

export function resolveArchitecture(schema: DeepSchema, options: DeepOptions): DeepArchitecture {
  const embeddingDims = options.embeddingDims ?? schema.categorical.map((c) => embeddingSize(c.cardinality));
  if (embeddingDims.length !== schema.categorical.length) {
    throw new Error(`embeddingDims has ${embeddingDims.length} entries but the data has ${schema.categorical.length} categorical features`);
  }
  const arch: DeepArchitecture = {
    activation: options.activation ?? 'swish',
    hidden: options.hidden ?? [64, 32],
    dropout: options.dropout ?? 0.1,
    embeddingDims: [...embeddingDims],
    conv: {
      kernelSize: options.conv?.kernelSize ?? 3,
      filters: options.conv?.filters ?? 16,
      pooling: options.conv?.pooling ?? 'flatten',
    },
    wide: options.wide ?? true,
  };
  checkArchitecture(arch);
  return arch;
}

const positiveInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Throws a clear error naming the first bad field. */
export function checkArchitecture(arch: DeepArchitecture): void {
  if (!(activations as readonly string[]).includes(arch.activation)) {
    throw new Error(`architecture.activation: '${arch.activation}' is not one of ${activations.join(', ')}`);
  }
  if (!Array.isArray(arch.hidden) || !arch.hidden.every(positiveInt)) {
    throw new Error('architecture.hidden: must be a list of positive integers');
  }
  if (typeof arch.dropout !== 'number' || !(arch.dropout >= 0 && arch.dropout < 1)) {
    throw new Error('architecture.dropout: must be in [0, 1)');
  }
  if (!Array.isArray(arch.embeddingDims) || !arch.embeddingDims.every(positiveInt)) {
    throw new Error('architecture.embeddingDims: must be a list of positive integers');
  }
  if (!positiveInt(arch.conv?.kernelSize) || !positiveInt(arch.conv?.filters)) {
    throw new Error('architecture.conv: kernelSize and filters must be positive integers');
  }
  if (arch.conv.pooling !== 'mean' && arch.conv.pooling !== 'flatten') {
    throw new Error(`architecture.conv.pooling: ${JSON.stringify(arch.conv.pooling)} is not 'mean' or 'flatten'`);
  }
  if (typeof arch.wide !== 'boolean') throw new Error('architecture.wide: must be true or false');
}

/**
 * Where each part sits in the flat input vector x = [dense | embeddings | sequences], the
 * representation the lean network, the wide term and Integrated Gradients work on.
 */
export interface InputLayout {
  denseDim: number;
  embeddingOffsets: number[];
  sequenceOffsets: number[];
  /** Width of x. */
  width: number;
  /** Width of the first hidden layer's input: dense, embeddings, pooled sequence features. */
  mlpInputWidth: number;
  pooledWidths: number[];
}

export function inputLayout(arch: DeepArchitecture, schema: DeepSchema): InputLayout {
  let offset = schema.denseFeatures.length;
  const embeddingOffsets = arch.embeddingDims.map((dim) => {
    const at = offset;
    offset += dim;
    return at;
  });
  const sequenceOffsets = schema.sequences.map((s) => {
    const at = offset;
    offset += s.steps * s.channels;
    return at;
  });
  const pooledWidths = schema.sequences.map((s) => (arch.conv.pooling === 'mean' ? arch.conv.filters : s.steps * arch.conv.filters));
  const embTotal = arch.embeddingDims.reduce((a, b) => a + b, 0);
  return {
    denseDim: schema.denseFeatures.length,
    embeddingOffsets,
    sequenceOffsets,
    width: offset,
    mlpInputWidth: schema.denseFeatures.length + embTotal + pooledWidths.reduce((a, b) => a + b, 0),
    pooledWidths,
  };
}

export type ParameterGroup = 'embeddings' | 'sequence' | 'mlp' | 'wide';

export interface ParameterSpec {
  name: string;
  shape: number[];
  group: ParameterGroup;
  /** How it is initialised and whether L2 applies (not to biases). */
  init: 'glorot' | 'embedding' | 'zeros';
}

/** Every trainable parameter, in a fixed order. Names are the keys of `DeepModelState.weights`. */
export function parameterSpecs(arch: DeepArchitecture, schema: DeepSchema): ParameterSpec[] {
  const layout = inputLayout(arch, schema);
  const specs: ParameterSpec[] = [];
  schema.categorical.forEach((c, i) => {
    specs.push({ name: `embedding/${i}`, shape: [c.cardinality, arch.embeddingDims[i]!], group: 'embeddings', init: 'embedding' });
  });
  schema.sequences.forEach((s, g) => {
    // Kernel rows are (tap j, channel c) at j * channels + c: the im2col layout of the unfolded input.
    specs.push({
      name: `conv/${g}/kernel`,
      shape: [arch.conv.kernelSize * s.channels, arch.conv.filters],
      group: 'sequence',
      init: 'glorot',
    });
    specs.push({ name: `conv/${g}/bias`, shape: [arch.conv.filters], group: 'sequence', init: 'zeros' });
  });
  let width = layout.mlpInputWidth;
  arch.hidden.forEach((units, l) => {
    specs.push({ name: `hidden/${l}/kernel`, shape: [width, units], group: 'mlp', init: 'glorot' });
    specs.push({ name: `hidden/${l}/bias`, shape: [units], group: 'mlp', init: 'zeros' });
    width = units;
  });
  specs.push({ name: 'output/kernel', shape: [width, 1], group: 'mlp', init: 'glorot' });
  specs.push({ name: 'output/bias', shape: [1], group: 'mlp', init: 'zeros' });
  if (arch.wide) specs.push({ name: 'wide/kernel', shape: [layout.width, 1], group: 'wide', init: 'zeros' });
  return specs;
}

export function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
