/**
 * The stopping rule shared by the in-process and the parallel runner: after every chunk, in chunk
 * order, estimate VaR and ES at every level and stop at the first chunk count where the largest
 * relative standard error is at or below the target (after a minimum number of scenarios, and
 * with at least `minTailScenarios` beyond each VaR, so that the error estimate itself rests on
 * enough tail scenarios: plain Monte Carlo at 99.9% needs 100,000 scenarios for 100 of them,
 * importance sampling a few hundred). Each check sorts the whole sample, so after the first 20
 * checks the rule looks again only once the sample has grown by 5%: the cost stays O(N log N)
 * overall and the overshoot below 5%, and the check points still depend on the count alone. Checking in chunk order makes the
 * stopping point, and so the result, independent of how many workers ran ahead.
 */
import { z } from 'zod';
import { RiskInputError } from '../errors.ts';
import { zodProblems } from '../input/zod-problems.ts';
import type { ChunkResult } from './chunk.ts';
import { estimateRisk, worstRelativeError, type RiskEstimates } from './estimators.ts';
import type { HistogramOptions } from './histogram.ts';
import { mergeChunks } from './merge.ts';
import type { SimulationPlan } from './plan.ts';

export const runOptionsSchema = z.object({
  /** Stop when every VaR and ES has a relative standard error at or below this. */
  targetRelativeError: z.number().positive().default(0.01),
  /** Never stop before this many scenarios. */
  minScenarios: z.number().int().min(1).default(1000),
  /** Never stop before every level has this many scenarios beyond its VaR (the errors rest on them). */
  minTailScenarios: z.number().int().min(0).default(100),
  /** Stop here even if the target is not met (the result says converged: false). */
  maxScenarios: z.number().int().min(1).default(5_000_000),
  /** Run exactly this many scenarios (rounded up to whole chunks) and ignore the target. */
  fixedScenarios: z.number().int().min(1).optional(),
  /** Compute per-obligor ES contributions (a second, partial pass). */
  contributions: z.boolean().default(true),
});

export type RunOptions = z.input<typeof runOptionsSchema> & {
  histogram?: HistogramOptions | null;
  onProgress?: (progress: SimulationProgress) => void;
};

export interface SimulationProgress {
  phase: 'simulate' | 'contributions';
  chunks: number;
  scenarios: number;
  /** Largest relative error of VaR/ES so far (Infinity before the first check). */
  worstRelativeError: number;
}

export type ResolvedRunOptions = z.output<typeof runOptionsSchema>;

export function parseRunOptions(options: RunOptions): ResolvedRunOptions {
  const { histogram: _histogram, onProgress: _onProgress, ...rest } = options;
  const parsed = runOptionsSchema.safeParse(rest, { reportInput: true });
  if (!parsed.success) throw new RiskInputError(zodProblems(parsed.error, undefined, 'runOptions'));
  return parsed.data;
}

export class StoppingRule {
  readonly minChunks: number;
  readonly maxChunks: number;
  private readonly chunks: ChunkResult[] = [];
  last: RiskEstimates | null = null;
  worst = Infinity;
  private lastChecked = 0;

  constructor(
    private readonly plan: SimulationPlan,
    private readonly options: ResolvedRunOptions,
  ) {
    const size = plan.chunkSize;
    if (options.fixedScenarios !== undefined) {
      this.minChunks = this.maxChunks = Math.ceil(options.fixedScenarios / size);
    } else {
      this.maxChunks = Math.max(1, Math.ceil(options.maxScenarios / size));
      this.minChunks = Math.min(this.maxChunks, Math.max(1, Math.ceil(options.minScenarios / size)));
    }
  }

  get accepted(): readonly ChunkResult[] {
    return this.chunks;
  }

  /** Adds the next chunk (in index order); true when the simulation should stop here. */
  add(chunk: ChunkResult): boolean {
    if (chunk.chunkIndex !== this.chunks.length) throw new Error(`expected chunk ${this.chunks.length}, got ${chunk.chunkIndex}`);
    this.chunks.push(chunk);
    const count = this.chunks.length;
    if (this.options.fixedScenarios !== undefined) return count >= this.maxChunks;
    if (count < this.minChunks) return false;
    const due = count - this.lastChecked >= Math.max(1, Math.floor(this.lastChecked / 20));
    if (!due && count < this.maxChunks) return false;
    this.lastChecked = count;
    this.last = estimateRisk(this.plan, mergeChunks(this.plan, this.chunks), { histogram: null });
    this.worst = worstRelativeError(this.last);
    return this.met || count >= this.maxChunks;
  }

  /** Target met by the chunks so far (with enough tail scenarios at every level). */
  private get met(): boolean {
    if (!this.last) return false;
    return (
      this.worst <= this.options.targetRelativeError &&
      this.last.levels.every((level) => level.tailScenarios >= this.options.minTailScenarios)
    );
  }

  get converged(): boolean {
    return this.options.fixedScenarios !== undefined || this.met;
  }
}
