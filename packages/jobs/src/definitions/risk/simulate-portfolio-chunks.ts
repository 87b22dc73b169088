import { z } from 'zod';
import { defineJob } from '../../define.ts';

export const simulatePortfolioChunks = defineJob({
  id: 'simulate-portfolio-chunks',
  version: 1,
  description:
    'Simulates a range of chunks of a simulate-portfolio run (scenarios, or the contribution pass) and stores them for the coordinator to merge; any worker, any order.',
  payload: z
    .object({
      organizationId: z.uuid(),
      simulationId: z.uuid(),
      variant: z.enum(['base', 'stressed']),
      phase: z.enum(['simulate', 'contributions']),
      /** Chunk indices [from, to). */
      from: z.number().int().min(0),
      to: z.number().int().min(1),
      /** For the contribution pass: the thresholds (VaR, atom share, ES per level) of the merged sample. */
      thresholds: z
        .object({
          fingerprint: z.string(),
          scenarios: z.number().int(),
          levels: z.array(z.object({ level: z.number(), valueAtRisk: z.number(), atomShare: z.number(), expectedShortfall: z.number() })),
        })
        .optional(),
    })
    .strict()
    .refine((payload) => payload.to > payload.from, { message: 'to must be above from', path: ['to'] })
    .refine((payload) => payload.phase === 'simulate' || payload.thresholds !== undefined, {
      message: 'the contribution pass needs thresholds',
      path: ['thresholds'],
    }),
  queue: { policy: 'standard', retryLimit: 2, retryDelay: 5, expireInSeconds: 1800 },
});
