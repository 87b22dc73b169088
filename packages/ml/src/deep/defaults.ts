// The deep family's defaults, chosen by cross-validation across data sets (bench/quality-cv.ts,
// labels deep-v4*, see README "Defaults across data sets"), never on one file. They depend on the
// training rows only through stated rules, so a small file gets enough optimiser steps and a
// patient early stop, and a large one trains as before.
import { DEFAULT_DEEP_BATCH_SIZE } from './architecture.ts';
import type { DeepOptions } from './types.ts';

/** Optimiser steps per epoch the batch size aims at (at least), for small files. */
export const MIN_STEPS_PER_EPOCH = 20;
/** Early-stopping patience measured in optimiser steps, not epochs. */
export const PATIENCE_STEPS = 400;

/**
 * Batch size: the largest power of two giving at least MIN_STEPS_PER_EPOCH steps an epoch, between
 * 32 and the default 256. With 600 training rows, 256 gave 3 Adam steps an epoch, and the early
 * stop (on ~6 validation defaults) ended training before the network had learnt anything.
 */
export function defaultBatchSize(trainRows: number): number {
  let batch = DEFAULT_DEEP_BATCH_SIZE;
  while (batch > 32 && trainRows / batch < MIN_STEPS_PER_EPOCH) batch /= 2;
  return batch;
}

/**
 * Patience: epochs covering PATIENCE_STEPS steps, between 8 (the former default, what large files
 * get) and 20; at most 10 x patience epochs (at least the former 60). A small validation set has
 * few defaults, its loss is noisy from epoch to epoch, and 8 epochs of 3 steps stopped at epoch 2.
 */
export function defaultPatience(trainRows: number, batchSize: number): number {
  const steps = Math.max(1, Math.ceil(trainRows / batchSize));
  return Math.min(20, Math.max(8, Math.ceil(PATIENCE_STEPS / steps)));
}

/**
 * Learning rate: Adam's 1e-3 at the default batch of 256, scaled with the square root of the batch
 * size for smaller batches (the usual rule for Adam), so that a small file's 8x more steps an epoch
 * do not overfit in the first epochs.
 */
export function defaultLearningRate(batchSize: number): number {
  return 1e-3 * Math.sqrt(Math.min(batchSize, DEFAULT_DEEP_BATCH_SIZE) / DEFAULT_DEEP_BATCH_SIZE);
}

/** The defaults the deep family trains with (explicit options override each). */
export function deepFamilyDefaults(trainRows: number, explicit: DeepOptions = {}): DeepOptions {
  const batchSize = explicit.batchSize ?? defaultBatchSize(trainRows);
  const patience = explicit.patience ?? defaultPatience(trainRows, batchSize);
  return {
    inputs: 'rank-gauss',
    priorBias: true,
    batchSize,
    learningRate: explicit.learningRate ?? defaultLearningRate(batchSize),
    patience,
    epochs: Math.max(60, 10 * patience),
  };
}
