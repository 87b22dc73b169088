import { z } from 'zod';
import { defineJob } from '../../define.ts';

export const purgeSignInRecords = defineJob({
  id: 'purge-sign-in-records',
  version: 1,
  description: 'Deletes sessions that ended or expired, and sign-in attempts made, more than the retention ago (30 days by default).',
  payload: z.object({ retentionDays: z.number().int().min(1).max(3650).optional() }).strict(),
  queue: { policy: 'stately', retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 1800 },
});
