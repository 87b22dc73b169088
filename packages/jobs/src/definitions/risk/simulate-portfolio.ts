import { z } from 'zod';
import { defineJob } from '../../define.ts';

export const simulatePortfolio = defineJob({
  id: 'simulate-portfolio',
  version: 1,
  description:
    'Runs a stored portfolio simulation (base and, with a scenario, stressed): Monte Carlo VaR/ES with contributions, IRB, concentration, IFRS 9, limits. Fans chunks out to simulate-portfolio-chunks for big portfolios.',
  payload: z
    .object({
      organizationId: z.uuid(),
      /** The risk_simulations row, with the inputs resolved and checked when it was requested. */
      simulationId: z.uuid(),
    })
    .strict(),
  // One coordinator per simulation; a run restarts from scratch on retry (chunks are deterministic,
  // stored ones are reused).
  queue: { policy: 'standard', retryLimit: 1, retryDelay: 30, expireInSeconds: 3600 },
});
