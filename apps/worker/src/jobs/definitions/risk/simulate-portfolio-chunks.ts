// simulate-portfolio-chunks: a range of chunks of a fanned-out simulation, computed from the stored
// inputs (plans rebuilt and cached per worker) and stored for the coordinator. Idempotent: a retry
// overwrites its chunks with the same bits.
import { loadSimulationChunks, saveSimulationChunk, simulationWork, type ChunkKey, type TenantScope } from '@probity/db';
import { jobContract } from '@probity/jobs';
import { defineWorkerJob } from '../../define.ts';
import { contributedChunk, simulatedChunk, type EncodedChunk } from '../../../risk/chunk-work.ts';
import { cachedPlans, plansFor } from '../../../risk/plans.ts';

export const simulatePortfolioChunks = defineWorkerJob({
  contract: jobContract('simulate-portfolio-chunks'),
  concurrency: 2,
  async run({ organizationId, simulationId, variant, phase, from, to, thresholds }, { db }) {
    const scope: TenantScope = { organizationId, actor: { kind: 'system', name: 'simulate-portfolio-chunks' } };
    const plans = cachedPlans(simulationId) ?? plansFor(await simulationWork(db, scope, simulationId));
    const plan = variant === 'base' ? plans.base : plans.stressed;
    if (!plan) throw new Error(`simulation ${simulationId} has no stressed variant`);
    const indices = Array.from({ length: to - from }, (_, k) => from + k);
    const key: ChunkKey = { simulationId, variant, phase };
    if (phase === 'simulate') {
      for (const i of indices) await saveSimulationChunk(db, scope, key, i, simulatedChunk(plan, i));
    } else {
      if (!thresholds) throw new Error('the contribution pass needs thresholds');
      const stored = await loadSimulationChunks<EncodedChunk>(db, scope, { ...key, phase: 'simulate' }, indices);
      for (const chunk of stored) await saveSimulationChunk(db, scope, key, chunk.chunkIndex, contributedChunk(plan, thresholds, chunk));
    }
    return { simulationId, variant, phase, from, to };
  },
});
