import { z } from 'zod';
import { defineJob } from '../../define.ts';

export const scorePortfolio = defineJob({
  id: 'score-portfolio',
  version: 1,
  description: 'Plans a scoring run into batches of exposures (once) and queues a score-batch job for every batch not done yet.',
  payload: z.object({ organizationId: z.uuid(), runId: z.uuid() }).strict(),
  queue: { policy: 'standard', retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 900 },
});
