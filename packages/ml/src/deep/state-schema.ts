// The deep model's state as the model file stores it (zod). Shapes of the weights against the
// architecture are checked by validateDeepState (serialize.ts), which the deep family runs after this.
import { z } from 'zod';
import { count, countList, finite, finiteList, names } from '../model-file/zod-helpers.ts';
import { activations } from './architecture.ts';
import type { DeepModelState } from './types.ts';

const epochRecord = z.strictObject({ epoch: count, loss: finite, valLoss: finite, valAuc: finite, seconds: finite, frozen: z.boolean() });

export const deepStateSchema = z.strictObject({
  format: z.literal('probity-deep'),
  version: z.literal(1),
  architecture: z.strictObject({
    activation: z.enum(activations),
    hidden: z.array(z.int().positive()),
    dropout: finite.min(0).lt(1),
    embeddingDims: z.array(z.int().positive()),
    conv: z.strictObject({ kernelSize: z.int().positive(), filters: z.int().positive(), pooling: z.enum(['mean', 'flatten']) }),
    wide: z.boolean(),
  }),
  schema: z.strictObject({
    denseFeatures: names,
    categorical: z.array(z.strictObject({ feature: z.string(), cardinality: z.int().positive(), counts: countList })),
    sequences: z.array(
      z.strictObject({ name: z.string(), steps: z.int().positive(), channels: z.int().positive(), features: z.array(names) }),
    ),
  }),
  inputTransform: z.strictObject({ kind: z.literal('rank-gauss'), knots: z.array(finiteList), scores: z.array(finiteList) }).optional(),
  weights: z.record(z.string(), z.strictObject({ shape: z.array(count), data: z.string() })),
  training: z.strictObject({
    seed: z.int(),
    backend: z.string(),
    epochsRun: count,
    bestEpoch: count,
    monitor: z.enum(['valLoss', 'valAuc']),
    seconds: finite,
    history: z.array(epochRecord),
    initial: z.strictObject({ valLoss: finite, valAuc: finite }),
    warmStarted: z.boolean(),
    hyper: z.strictObject({ learningRate: finite, batchSize: count, l2: finite, patience: count, freezeEpochs: count }),
  }),
}) satisfies z.ZodType<DeepModelState>;
