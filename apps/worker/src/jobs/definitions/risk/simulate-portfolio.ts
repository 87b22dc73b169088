// simulate-portfolio: runs a stored simulation (base, then stressed when it has a scenario) to the
// requested error, writes live progress, then the result view. Portfolios with many obligors fan
// their chunks out to simulate-portfolio-chunks jobs (any worker process picks them up); smaller ones
// run in this job. Chunks merge exactly either way, so the figures do not depend on the split.
import {
  completeSimulation,
  failSimulation,
  markSimulationRunning,
  simulationWork,
  updateSimulationProgress,
  type SimulationProgress,
  type TenantScope,
} from '@probity/db';
import { jobContract } from '@probity/jobs';
import { defineWorkerJob } from '../../define.ts';
import { fannedOutChunks, localChunks, type Variant } from '../../../risk/chunk-source.ts';
import { plansFor } from '../../../risk/plans.ts';
import { runVariant, type VariantProgress } from '../../../risk/run-variant.ts';
import { resultView } from '../../../risk/views.ts';

export const CHUNKS_PER_JOB = 2;
export const JOBS_PER_ROUND = 4;
const PROGRESS_EVERY_MS = 400;

export const simulatePortfolio = defineWorkerJob({
  contract: jobContract('simulate-portfolio'),
  async run({ organizationId, simulationId }, { db, log, jobs, env }) {
    const scope: TenantScope = { organizationId, actor: { kind: 'system', name: 'simulate-portfolio' } };
    const started = performance.now();
    const work = await simulationWork(db, scope, simulationId);
    if (work.simulation.status === 'COMPLETED') return { simulationId, skipped: 'already completed' };
    await markSimulationRunning(db, scope, simulationId);
    const { parameters } = work.simulation;
    const progress: SimulationProgress = {
      phase: 'base',
      chunksDone: 0,
      scenarios: 0,
      worstRelativeError: null,
      targetRelativeError: parameters.targetRelativeError,
      fannedOutJobs: 0,
    };
    let lastWrite = 0;
    const write = async (force = false) => {
      if (!force && performance.now() - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = performance.now();
      await updateSimulationProgress(db, scope, simulationId, progress);
    };
    try {
      const plans = plansFor(work);
      // Obligors from which a run fans its chunks out to chunk jobs (PROBITY_RISK_FANOUT_OBLIGORS).
      const fanOut = plans.base.obligorIds.length >= env.PROBITY_RISK_FANOUT_OBLIGORS;
      const sources: { jobsEnqueued: number }[] = [];
      const run = async (variant: Variant, plan: typeof plans.base) => {
        const source = fanOut
          ? fannedOutChunks({ db, scope, jobs, simulationId, variant, chunksPerJob: CHUNKS_PER_JOB, timeoutMs: 20 * 60_000 })
          : localChunks(plan);
        sources.push(source);
        progress.phase = variant;
        await write(true);
        return runVariant(plan, parameters, source, {
          chunksPerRound: fanOut ? CHUNKS_PER_JOB * JOBS_PER_ROUND : 4,
          onProgress: async (p: VariantProgress) => {
            progress.phase = p.phase === 'contributions' ? 'contributions' : variant;
            progress.chunksDone = p.chunksDone;
            progress.scenarios = p.scenarios;
            progress.worstRelativeError = p.worstRelativeError;
            progress.fannedOutJobs = sources.reduce((sum, s) => sum + s.jobsEnqueued, 0);
            await write(p.phase === 'contributions');
          },
        });
      };
      const base = await run('base', plans.base);
      const stressed =
        plans.stressed && plans.stressedInputs ? { result: await run('stressed', plans.stressed), inputs: plans.stressedInputs } : null;
      progress.phase = 'views';
      await write(true);
      const view = resultView(work.inputs, base, stressed, (performance.now() - started) / 1000);
      progress.phase = 'done';
      progress.fannedOutJobs = sources.reduce((sum, s) => sum + s.jobsEnqueued, 0);
      await completeSimulation(db, scope, simulationId, view, progress);
      const summary = { simulationId, scenarios: base.scenarios, fannedOutJobs: progress.fannedOutJobs, seconds: view.durationSeconds };
      log.info(summary, 'portfolio simulated');
      return summary;
    } catch (error) {
      progress.phase = 'failed';
      await failSimulation(db, scope, simulationId, error instanceof Error ? error.message : String(error), progress);
      throw error;
    }
  },
});
