import { z } from 'zod';
import { defineJob } from '../../define.ts';

export const scheduleScoring = defineJob({
  id: 'schedule-scoring',
  version: 1,
  description:
    'Every minute: starts the scoring run of each portfolio whose schedule (cron) had a slot in the last minutes, once per slot.',
  payload: z.object({}).strict(),
  queue: { policy: 'singleton', retryLimit: 0, expireInSeconds: 300 },
});
