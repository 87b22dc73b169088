// The deep family's defaults, chosen by cross-validation across data sets (bench/quality-cv.ts,
// labels deep-v4*; README "Defaults"), never on one file. They depend on the training rows only
// through a stated rule, so a small file gets enough optimiser steps and a patient early stop.
import { DEFAULT_DEEP_BATCH_SIZE } from './architecture.ts';
import type { DeepOptions } from './types.ts';

/** Optimiser steps per epoch the batch size aims at (at least), for small files. */
export const MIN_STEPS_PER_EPOCH = 20;

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

/** The defaults the deep family trains with (explicit options override each). */
export function deepFamilyDefaults(trainRows: number): DeepOptions {
  return { inputs: 'rank-gauss', batchSize: defaultBatchSize(trainRows), patience: 20, epochs: 200 };
}
