/**
 * A simulation plan: everything a worker needs to simulate any chunk of scenarios, in flat typed
 * arrays (structured-clone friendly), plus a fingerprint so that chunks of different plans are
 * never merged. Planning is deterministic: the same inputs and options give the same plan and
 * fingerprint on every machine, so each worker of a job may also rebuild the plan itself.
 *
 * Obligors with PD 0 cannot default and are left out; the rest are grouped per sector into blocks
 * of obligors with similar default thresholds (sorted by a_i), which the sampler uses to skip
 * non-defaulting obligors without touching them (see scenario.ts).
 */
import { z } from 'zod';
import { RiskInputError } from '../errors.ts';
import { compilePortfolio, type CompiledPortfolio } from '../input/compile-portfolio.ts';
import { parseCorrelationMatrix } from '../input/correlation-matrix.ts';
import { zodProblems } from '../input/zod-problems.ts';
import { normalCdf, normalQuantile } from '../math/normal.ts';
import { designPoint } from './design-point.ts';
import { factorRoot, type FactorState } from './factor-state.ts';
import { fingerprintOf } from './fingerprint.ts';

export const DEFAULT_LEVELS = [0.99, 0.999];

export const simulationOptionsSchema = z.object({
  /** Integer seed in [0, 2^53). */
  seed: z.number().int('must be an integer').min(0, 'must be >= 0').max(Number.MAX_SAFE_INTEGER).default(1),
  /** Confidence levels for VaR and ES, each in (0, 1). */
  levels: z
    .array(z.number().gt(0, 'must be in (0, 1)').lt(1, 'must be in (0, 1)'))
    .min(1, 'must list at least one level')
    .refine((levels) => new Set(levels).size === levels.length, 'must not repeat a level')
    .default(DEFAULT_LEVELS),
  /** Scenarios per chunk (the unit of work of a worker and of the stopping rule). */
  chunkSize: z.number().int().min(1).max(1_000_000).default(500),
  /** Importance sampling; false gives plain Monte Carlo (still with conditional default sampling). */
  importanceSampling: z.boolean().default(true),
  /** Share of scenarios drawn without a shift (keeps the body of the distribution well sampled). */
  defensiveWeight: z.number().min(0).max(1).default(0.1),
  /** Levels whose design points are the shifted mixture components; default: `levels`. */
  shiftLevels: z.array(z.number().gt(0).lt(1)).optional(),
  /** Obligors per block of the default sampler. */
  blockSize: z.number().int().min(1).max(4096).default(32),
});

export type SimulationOptions = z.input<typeof simulationOptionsSchema>;
export type ResolvedSimulationOptions = z.output<typeof simulationOptionsSchema>;

export interface MixtureComponent {
  weight: number;
  shift: Float64Array;
  /** |shift|^2 / 2. */
  halfNorm: number;
}

export interface SimulationPlan {
  formatVersion: 1;
  fingerprint: string;
  seed: number;
  chunkSize: number;
  levels: number[];
  sectors: string[];
  /** Obligor ids in the compiled portfolio's order (PD 0 included; they contribute nothing). */
  obligorIds: string[];
  obligorSectorOfId: Int32Array;
  /** Simulated obligors, in block order: position -> compiled obligor index. */
  order: Int32Array;
  /** Default iff a_i - b_i y_s > e_i, i.e. conditional PD N(a_i - b_i y_s). */
  a: Float64Array;
  b: Float64Array;
  sector: Int32Array;
  /** Loss of the obligor's fixed-LGD exposures when it defaults. */
  fixedLoss: Float64Array;
  /** Stochastic-LGD exposures of position i: stochasticStart[i] .. stochasticStart[i + 1]. */
  stochasticStart: Int32Array;
  stochasticEad: Float64Array;
  stochasticAlpha: Float64Array;
  stochasticBeta: Float64Array;
  blockStart: Int32Array;
  blockSector: Int32Array;
  blockAMax: Float64Array;
  blockAMin: Float64Array;
  blockBMin: Float64Array;
  blockBMax: Float64Array;
  rank: number;
  factorMean: Float64Array;
  factorLoad: Float64Array;
  components: MixtureComponent[];
  /** Closed-form expected loss under the factor state (the Monte Carlo estimate must match it). */
  expectedLoss: number;
  totalEad: number;
  /** Loss if every obligor defaulted at its mean LGD. */
  maxLoss: number;
}

export interface PlanInput {
  exposures: unknown;
  factorModel: unknown;
  /** Factor distribution; default mean 0 and the correlation matrix (see FactorState). */
  factorState?: { mean: number[]; covariance: number[][] };
}

function parseOptions(options: SimulationOptions): ResolvedSimulationOptions {
  const parsed = simulationOptionsSchema.safeParse(options, { reportInput: true });
  if (!parsed.success) throw new RiskInputError(zodProblems(parsed.error, undefined, 'options'));
  return parsed.data;
}

function parseFactorState(input: PlanInput['factorState'], portfolio: CompiledPortfolio): FactorState {
  const sectors = portfolio.factorModel.sectors;
  if (!input) return { mean: new Float64Array(sectors.length), covariance: portfolio.factorModel.correlation };
  if (!Array.isArray(input.mean) || input.mean.length !== sectors.length || !input.mean.every(Number.isFinite)) {
    throw new RiskInputError({ path: 'factorState.mean', message: `must be ${sectors.length} finite numbers` });
  }
  // A conditional covariance has diagonal <= 1; check it as a correlation-like PSD matrix.
  const n = sectors.length;
  const scaled = input.covariance.map((row, i) => row.map((x, j) => (i === j ? 1 : x)));
  parseCorrelationMatrix(scaled, sectors, 'factorState.covariance');
  const covariance = new Float64Array(n * n);
  input.covariance.forEach((row, i) => row.forEach((x, j) => (covariance[i * n + j] = x)));
  for (let i = 0; i < n; i++) {
    const d = covariance[i * n + i]!;
    if (!(d >= 0 && d <= 1))
      throw new RiskInputError({ path: `factorState.covariance[${i}][${i}]`, message: `must be in [0, 1], got ${d}` });
  }
  return { mean: Float64Array.from(input.mean), covariance };
}

export function planSimulation(input: PlanInput, options: SimulationOptions = {}): SimulationPlan {
  const resolved = parseOptions(options);
  const portfolio = compilePortfolio(input.exposures, input.factorModel);
  const state = parseFactorState(input.factorState, portfolio);
  return buildPlan(portfolio, state, resolved);
}

/** Mean and variance of the sector factors from the state (variance = diagonal of A A'). */
function factorMoments(state: FactorState, sectors: number) {
  const variance = new Float64Array(sectors);
  for (let s = 0; s < sectors; s++) variance[s] = state.covariance[s * sectors + s]!;
  return { mean: state.mean, variance };
}

export function buildPlan(portfolio: CompiledPortfolio, state: FactorState, options: ResolvedSimulationOptions): SimulationPlan {
  const sectorsCount = portfolio.factorModel.sectors.length;
  const root = factorRoot(state.covariance, sectorsCount);
  const moments = factorMoments(state, sectorsCount);
  const n = portfolio.obligorIds.length;

  // Thresholds: default iff sqrt(R) Y + sqrt(1-R) e <= G(PD)  <=>  e <= a - b Y.
  const candidates: number[] = [];
  const aAll = new Float64Array(n);
  const bAll = new Float64Array(n);
  let expectedLoss = 0;
  let totalEad = 0;
  let maxLoss = 0;
  for (const exposure of portfolio.exposures) totalEad += exposure.ead;
  for (let i = 0; i < n; i++) {
    const pd = portfolio.obligorPd[i]!;
    const r = portfolio.obligorR[i]!;
    aAll[i] = pd >= 1 ? Infinity : normalQuantile(pd) / Math.sqrt(1 - r);
    bAll[i] = Math.sqrt(r / (1 - r));
    maxLoss += portfolio.obligorValue[i]!;
    if (pd <= 0) continue;
    candidates.push(i);
    const s = portfolio.obligorSector[i]!;
    const spread = Math.sqrt(1 + bAll[i]! * bAll[i]! * moments.variance[s]!);
    const unconditional = pd >= 1 ? 1 : normalCdf((aAll[i]! - bAll[i]! * moments.mean[s]!) / spread);
    expectedLoss += unconditional * portfolio.obligorValue[i]!;
  }

  // Blocks: per sector, riskiest first, `blockSize` obligors each.
  candidates.sort((x, y) => portfolio.obligorSector[x]! - portfolio.obligorSector[y]! || aAll[y]! - aAll[x]! || x - y);
  const m = candidates.length;
  const order = Int32Array.from(candidates);
  const a = new Float64Array(m);
  const b = new Float64Array(m);
  const sector = new Int32Array(m);
  const fixedLoss = new Float64Array(m);
  const stochasticStart = new Int32Array(m + 1);
  const stochasticEad: number[] = [];
  const stochasticAlpha: number[] = [];
  const stochasticBeta: number[] = [];
  const blockStart: number[] = [];
  const blockSector: number[] = [];
  for (let position = 0; position < m; position++) {
    const i = order[position]!;
    a[position] = aAll[i]!;
    b[position] = bAll[i]!;
    sector[position] = portfolio.obligorSector[i]!;
    stochasticStart[position] = stochasticEad.length;
    for (let e = portfolio.exposureStart[i]!; e < portfolio.exposureStart[i + 1]!; e++) {
      const exposure = portfolio.exposures[portfolio.exposureOrder[e]!]!;
      const sd = exposure.lgdSd ?? 0;
      if (sd > 0 && exposure.ead > 0) {
        const mu = exposure.lgd;
        const common = (mu * (1 - mu)) / (sd * sd) - 1;
        stochasticEad.push(exposure.ead);
        stochasticAlpha.push(mu * common);
        stochasticBeta.push((1 - mu) * common);
      } else {
        fixedLoss[position]! += exposure.ead * exposure.lgd;
      }
    }
    const newSector = position === 0 || sector[position] !== sector[position - 1];
    if (newSector || position - blockStart[blockStart.length - 1]! >= options.blockSize) {
      blockStart.push(position);
      blockSector.push(sector[position]!);
    }
  }
  stochasticStart[m] = stochasticEad.length;
  blockStart.push(m);
  const blocks = blockSector.length;
  const blockAMax = new Float64Array(blocks);
  const blockAMin = new Float64Array(blocks);
  const blockBMin = new Float64Array(blocks);
  const blockBMax = new Float64Array(blocks);
  for (let k = 0; k < blocks; k++) {
    let aMax = -Infinity;
    let aMin = Infinity;
    let bMin = Infinity;
    let bMax = -Infinity;
    for (let position = blockStart[k]!; position < blockStart[k + 1]!; position++) {
      aMax = Math.max(aMax, a[position]!);
      aMin = Math.min(aMin, a[position]!);
      bMin = Math.min(bMin, b[position]!);
      bMax = Math.max(bMax, b[position]!);
    }
    blockAMax[k] = aMax;
    blockAMin[k] = aMin;
    blockBMin[k] = bMin;
    blockBMax[k] = bMax;
  }

  // Importance sampling: a defensive unshifted component plus one shift per level.
  const components: MixtureComponent[] = [];
  const shiftLevels = options.importanceSampling && root.rank > 0 ? (options.shiftLevels ?? options.levels) : [];
  const meanLoss = Float64Array.from(order, (i) => portfolio.obligorValue[i]!);
  const surface = { a, b, value: meanLoss, sector, mean: state.mean, load: root.load, sectors: sectorsCount, rank: root.rank };
  const shifts = [...new Set(shiftLevels)].sort().map((level) => designPoint(surface, normalQuantile(level)));
  const unshifted = shifts.length === 0 ? 1 : options.defensiveWeight;
  if (unshifted > 0) components.push({ weight: unshifted, shift: new Float64Array(root.rank), halfNorm: 0 });
  for (const shift of shifts) {
    let norm = 0;
    for (const x of shift) norm += x * x;
    components.push({ weight: (1 - unshifted) / shifts.length, shift, halfNorm: norm / 2 });
  }

  const plan: Omit<SimulationPlan, 'fingerprint'> = {
    formatVersion: 1,
    seed: options.seed,
    chunkSize: options.chunkSize,
    levels: [...options.levels],
    sectors: [...portfolio.factorModel.sectors],
    obligorIds: portfolio.obligorIds,
    obligorSectorOfId: portfolio.obligorSector,
    order,
    a,
    b,
    sector,
    fixedLoss,
    stochasticStart,
    stochasticEad: Float64Array.from(stochasticEad),
    stochasticAlpha: Float64Array.from(stochasticAlpha),
    stochasticBeta: Float64Array.from(stochasticBeta),
    blockStart: Int32Array.from(blockStart),
    blockSector: Int32Array.from(blockSector),
    blockAMax,
    blockAMin,
    blockBMin,
    blockBMax,
    rank: root.rank,
    factorMean: state.mean,
    factorLoad: root.load,
    components,
    expectedLoss,
    totalEad,
    maxLoss,
  };
  return { ...plan, fingerprint: fingerprintOf(plan) };
}
