import { z } from 'zod';
import { defineJob } from '../../define.ts';

export const snapshotPortfolios = defineJob({
  id: 'snapshot-portfolios',
  version: 1,
  description: "Writes each portfolio's counts and totals for a UTC day (idempotent per portfolio and day).",
  payload: z
    .object({
      /** ISO date or instant; its UTC day is snapshotted. Default: now. */
      asOf: z
        .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant' })
        .optional(),
      /** Only this organization's portfolios. Default: every organization. */
      organizationId: z.uuid().optional(),
    })
    .strict(),
  // 'stately': at most one queued and one running, so a slow run never piles up behind itself.
  queue: { policy: 'stately', retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 3600 },
});
