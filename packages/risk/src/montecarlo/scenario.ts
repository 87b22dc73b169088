/**
 * One scenario of the Monte Carlo, exact in distribution given the factors.
 *
 * 1. Factors: pick a mixture component k (probability weight_k), draw z ~ N(shift_k, I) by
 *    inversion, weight the scenario by the likelihood ratio phi(z) / sum_k weight_k phi(z - shift_k),
 *    and set the sector factors y = mean + A z.
 * 2. Defaults: given y, obligors default independently with p_i = N(a_i - b_i y_s). Instead of a
 *    uniform per obligor, each block of obligors (same sector, similar thresholds) gets bounds
 *    plow <= p_i <= pbar from its a and b ranges; candidates are drawn as Bernoulli(pbar) by
 *    geometric skipping (one logarithm per candidate, none per skipped obligor) and accepted with
 *    probability p_i / pbar. Each obligor thus defaults with probability exactly p_i, independently,
 *    and the cost is proportional to the number of candidates, not of obligors. Blocks whose bound
 *    is above 0.3 draw every member directly. Either way a uniform below plow (or above pbar)
 *    decides without computing p_i (a squeeze), so N is evaluated for few candidates.
 * 3. Losses: a defaulted obligor loses its fixed-LGD amount plus, for stochastic-LGD exposures, EAD
 *    times a beta-distributed LGD drawn from this scenario's stream (beta-sampler.ts).
 *
 * Uniforms have 32-bit resolution, so probabilities are exact up to 2^-32.
 */
import { normalCdf, normalQuantile } from '../math/normal.ts';
import { betaSample } from './beta-sampler.ts';
import { ScenarioRandom } from './rng.ts';
import type { SimulationPlan } from './plan.ts';

const DIRECT_THRESHOLD = 0.3;

/** Defaults of one scenario, recorded when contributions are computed. */
export interface DefaultRecord {
  count: number;
  position: Int32Array;
  loss: Float64Array;
}

export function createDefaultRecord(capacity: number): DefaultRecord {
  return { count: 0, position: new Int32Array(capacity), loss: new Float64Array(capacity) };
}

/** Per-plan scratch space, reused across scenarios. */
export class ScenarioWorkspace {
  readonly random = new ScenarioRandom();
  readonly z: Float64Array;
  readonly y: Float64Array;
  readonly sectorLoss: Float64Array;
  readonly logTerms: Float64Array;
  /** Loss and likelihood-ratio weight of the last scenario. */
  loss = 0;
  weight = 1;

  constructor(readonly plan: SimulationPlan) {
    this.z = new Float64Array(plan.rank);
    this.y = new Float64Array(plan.sectors.length);
    this.sectorLoss = new Float64Array(plan.sectors.length);
    this.logTerms = new Float64Array(plan.components.length);
  }

  /** Simulates scenario `index` (global, 0-based); fills loss, weight and sectorLoss. */
  run(index: number, record: DefaultRecord | null = null): void {
    const plan = this.plan;
    const random = this.random;
    random.reset(plan.seed, index);
    this.drawFactors();
    const { y, sectorLoss } = this;
    sectorLoss.fill(0);
    if (record) record.count = 0;
    const { a, b, fixedLoss, stochasticStart, blockStart, blockSector, blockAMax, blockAMin, blockBMin, blockBMax } = plan;
    let loss = 0;
    const blocks = blockSector.length;
    for (let k = 0; k < blocks; k++) {
      const s = blockSector[k]!;
      const ys = y[s]!;
      const pbar = normalCdf(blockAMax[k]! - (ys >= 0 ? blockBMin[k]! : blockBMax[k]!) * ys);
      if (pbar <= 0) continue;
      const start = blockStart[k]!;
      const end = blockStart[k + 1]!;
      let sectorSum = 0;
      if (pbar > DIRECT_THRESHOLD) {
        for (let i = start; i < end; i++) {
          if (random.uniform() < normalCdf(a[i]! - b[i]! * ys)) sectorSum += this.defaultLoss(i, fixedLoss[i]!, stochasticStart, record);
        }
      } else {
        const logq = Math.log1p(-pbar);
        let i = start - 1;
        for (;;) {
          i += 1 + Math.floor(Math.log(random.uniform()) / logq);
          if (i >= end) break;
          if (random.uniform() * pbar < normalCdf(a[i]! - b[i]! * ys))
            sectorSum += this.defaultLoss(i, fixedLoss[i]!, stochasticStart, record);
        }
      }
      sectorLoss[s]! += sectorSum;
      loss += sectorSum;
    }
    this.loss = loss;
  }

  private defaultLoss(i: number, fixed: number, stochasticStart: Int32Array, record: DefaultRecord | null): number {
    let amount = fixed;
    const from = stochasticStart[i]!;
    const to = stochasticStart[i + 1]!;
    if (to > from) {
      const { stochasticEad, stochasticAlpha, stochasticBeta } = this.plan;
      for (let e = from; e < to; e++) amount += stochasticEad[e]! * betaSample(this.random, stochasticAlpha[e]!, stochasticBeta[e]!);
    }
    if (record) {
      if (record.count === record.position.length) grow(record);
      record.position[record.count] = i;
      record.loss[record.count] = amount;
      record.count++;
    }
    return amount;
  }

  private drawFactors(): void {
    const { plan, random, z, y, logTerms } = this;
    const { components, rank, factorMean, factorLoad } = plan;
    let chosen = 0;
    if (components.length > 1) {
      const u = random.uniform();
      let cumulative = 0;
      for (chosen = 0; chosen < components.length - 1; chosen++) {
        cumulative += components[chosen]!.weight;
        if (u < cumulative) break;
      }
    }
    const shift = components[chosen]!.shift;
    for (let f = 0; f < rank; f++) z[f] = normalQuantile(random.uniform53()) + shift[f]!;
    // Likelihood ratio phi(z) / sum_k w_k phi(z - mu_k) = 1 / sum_k w_k exp(mu_k.z - |mu_k|^2/2).
    let top = -Infinity;
    for (let k = 0; k < components.length; k++) {
      const component = components[k]!;
      let dot = 0;
      for (let f = 0; f < rank; f++) dot += component.shift[f]! * z[f]!;
      const term = Math.log(component.weight) + dot - component.halfNorm;
      logTerms[k] = term;
      if (term > top) top = term;
    }
    let sum = 0;
    for (let k = 0; k < components.length; k++) sum += Math.exp(logTerms[k]! - top);
    this.weight = Math.exp(-(top + Math.log(sum)));
    const sectors = y.length;
    for (let s = 0; s < sectors; s++) {
      let value = factorMean[s]!;
      for (let f = 0; f < rank; f++) value += factorLoad[s * rank + f]! * z[f]!;
      y[s] = value;
    }
  }
}

function grow(record: DefaultRecord): void {
  const position = new Int32Array(record.position.length * 2 + 16);
  const loss = new Float64Array(record.loss.length * 2 + 16);
  position.set(record.position);
  loss.set(record.loss);
  record.position = position;
  record.loss = loss;
}
