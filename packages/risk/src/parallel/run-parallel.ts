/**
 * The simulation on worker threads. Chunks are dispatched ahead to keep every worker busy, but the
 * stopping rule sees them strictly in chunk order, and chunks past the stopping point are dropped:
 * the result is identical to runSimulation's for the same plan and options, whatever the number of
 * threads. The contribution pass re-simulates, per chunk, only the scenarios at or above VaR.
 */
import { availableParallelism } from 'node:os';
import type { ChunkResult } from '../montecarlo/chunk.ts';
import { chunkLosses, contributionThresholds, mergeContributions, type ContributionChunk } from '../montecarlo/contributions.ts';
import { estimateRisk } from '../montecarlo/estimators.ts';
import { mergeChunks } from '../montecarlo/merge.ts';
import type { SimulationPlan } from '../montecarlo/plan.ts';
import { assembleResult, type SimulationResult } from '../montecarlo/result.ts';
import { parseRunOptions, StoppingRule, type RunOptions } from '../montecarlo/stopping.ts';
import { SimulationPool } from './pool.ts';

export interface ParallelRunOptions extends RunOptions {
  /** Worker threads; default every core. */
  threads?: number;
  /** An existing pool holding the same plan (reused across runs; not closed here). */
  pool?: SimulationPool;
}

export async function runSimulationParallel(plan: SimulationPlan, options: ParallelRunOptions = {}): Promise<SimulationResult> {
  const resolved = parseRunOptions(options);
  const pool = options.pool ?? SimulationPool.create(plan, options.threads ?? availableParallelism());
  try {
    const rule = new StoppingRule(plan, resolved);
    const ready = new Map<number, ChunkResult>();
    // One chunk per thread in flight: enough to keep them busy (a round trip is far shorter than a
    // chunk) without simulating many chunks past the stopping point.
    const ahead = pool.threads;
    let dispatched = 0;
    let stopped = false;
    await new Promise<void>((resolve, reject) => {
      let inFlight = 0;
      const dispatch = () => {
        while (!stopped && inFlight < ahead && dispatched < rule.maxChunks) {
          const index = dispatched++;
          inFlight++;
          pool.simulate(index).then((chunk) => {
            try {
              inFlight--;
              if (stopped) return inFlight === 0 && resolve();
              ready.set(index, chunk);
              let next = rule.accepted.length;
              while (!stopped && ready.has(next)) {
                const accepted = ready.get(next)!;
                ready.delete(next);
                stopped = rule.add(accepted);
                options.onProgress?.({
                  phase: 'simulate',
                  chunks: next + 1,
                  scenarios: (next + 1) * plan.chunkSize,
                  worstRelativeError: rule.worst,
                });
                next++;
              }
              if (stopped) return inFlight === 0 && resolve();
              dispatch();
            } catch (error) {
              // A chunk of another plan (a pool holding a different plan) or a failing estimate.
              stopped = true;
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          }, reject);
        }
      };
      dispatch();
    });
    const sample = mergeChunks(plan, rule.accepted);
    const risk = estimateRisk(plan, sample, { histogram: options.histogram === undefined ? {} : options.histogram });
    let contributions = null;
    if (resolved.contributions) {
      const thresholds = contributionThresholds(risk);
      const lowest = Math.min(...thresholds.levels.map((level) => level.valueAtRisk));
      const obligors = plan.obligorIds.length * thresholds.levels.length;
      let done = 0;
      const parts = await Promise.all(
        Array.from({ length: sample.chunks }, (_, chunkIndex): Promise<ContributionChunk> => {
          const losses = chunkLosses(plan, sample, chunkIndex);
          const empty = !losses.some((loss) => loss >= lowest);
          const part = empty
            ? Promise.resolve({
                fingerprint: plan.fingerprint,
                chunkIndex,
                resimulated: 0,
                sums: new Float64Array(obligors),
                squares: new Float64Array(obligors),
              })
            : pool.contributions(chunkIndex, thresholds, losses);
          return part.then((value) => {
            done++;
            options.onProgress?.({ phase: 'contributions', chunks: done, scenarios: sample.scenarios, worstRelativeError: rule.worst });
            return value;
          });
        }),
      );
      contributions = mergeContributions(plan, thresholds, parts);
    }
    return assembleResult(plan, risk, contributions, {
      chunks: sample.chunks,
      converged: rule.converged,
      targetRelativeError: resolved.fixedScenarios === undefined ? resolved.targetRelativeError : null,
    });
  } finally {
    if (!options.pool) await pool.close();
  }
}
