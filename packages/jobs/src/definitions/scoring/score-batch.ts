import { z } from 'zod';
import { defineJob } from '../../define.ts';

export const scoreBatch = defineJob({
  id: 'score-batch',
  version: 1,
  description:
    "Scores one batch of a run's exposures in one transaction (one score per run and exposure; a batch found done is skipped), so any number of workers share a run and a retry never writes twice.",
  payload: z.object({ organizationId: z.uuid(), runId: z.uuid(), batchNo: z.number().int().min(0) }).strict(),
  // A worker killed mid-batch leaves the job active until it expires; then it is retried elsewhere.
  queue: { policy: 'standard', retryLimit: 10, retryDelay: 5, retryBackoff: false, expireInSeconds: 600 },
});
