import { MODEL_KINDS } from '@probity/ml';
import { z } from 'zod';
import { defineJob } from '../../define.ts';

export const trainModel = defineJob({
  id: 'train-model',
  version: 1,
  description:
    'Trains one model version from a stored dataset (the training_jobs row holds dataset, target, kind and options). ' +
    'Idempotent on the training job: a retry after a crash finds the version already stored instead of making a second.',
  payload: z
    .object({
      /** The training_jobs row: dataset, target, options and who asked. */
      trainingJobId: z.uuid(),
      organizationId: z.uuid(),
      /** Every kind packages/ml trains; repeated here so GPU and CPU workers can route without a read. */
      kind: z.enum(MODEL_KINDS as [string, ...string[]], { error: `must be one of ${MODEL_KINDS.join(', ')}` }),
    })
    .strict(),
  // A worker killed mid-training stops beating; the worker's reaper fails its queue job so pg-boss retries
  // it within a minute or two. expireInSeconds is only the backstop for a run that hangs.
  queue: { policy: 'standard', retryLimit: 3, retryDelay: 5, expireInSeconds: 6 * 3600, retentionMinutes: 7 * 24 * 60 },
});
