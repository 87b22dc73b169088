/**
 * Risk figures from a merged (importance-sampled) sample, each with its Monte Carlo standard error:
 * - EL = mean of w L; UL = sqrt(mean w L^2 - EL^2), standard error by the delta method.
 * - VaR_alpha = the weighted empirical quantile (see weighted-tail.ts). Its standard error inverts
 *   the confidence interval of the tail probability: with s = sd(w 1{L > VaR}) / sqrt(N), the
 *   quantiles at alpha - s and alpha + s bracket VaR by about one standard error each side, so
 *   SE = (q(alpha + s) - q(alpha - s)) / 2 (no density estimate needed, robust for lattice losses).
 * - ES_alpha (Acerbi-Tasche, coherent with atoms) = (E[L 1{L > VaR}] + VaR (1 - alpha - P(L > VaR))) / (1 - alpha),
 *   SE = sd(w (L - VaR)^+) / (sqrt(N) (1 - alpha)) (the VaR estimation error does not enter to first order).
 * - Euler contributions to ES by sector: the same formula on each scenario's sector losses, so they
 *   add up to ES (to rounding).
 */
import type { MergedSample } from './merge.ts';
import type { SimulationPlan } from './plan.ts';
import { lossHistogram, type HistogramOptions, type LossHistogram } from './histogram.ts';
import { quantileOf, weightedTail, type WeightedTail } from './weighted-tail.ts';

export interface Estimate {
  value: number;
  standardError: number;
  /** standardError / |value| (Infinity when the value is 0 and the error is not). */
  relativeError: number;
}

export interface LevelEstimate {
  level: number;
  valueAtRisk: Estimate;
  expectedShortfall: Estimate;
  /** Estimated P(L > VaR). */
  probabilityAbove: number;
  /** Share of the scenarios exactly at VaR that counts into the tail (ES and its contributions). */
  atomShare: number;
  /** Scenarios with loss >= VaR. */
  tailScenarios: number;
  /** Euler contributions to ES per sector; they add up to ES. */
  contributionsBySector: Record<string, number>;
}

export interface RiskEstimates {
  fingerprint: string;
  scenarios: number;
  /** (sum w)^2 / sum w^2: how many plain scenarios the weighted sample is worth for the mean. */
  effectiveSampleSize: number;
  expectedLoss: Estimate;
  /** Closed-form EL for comparison: the Monte Carlo estimate must agree within its error. */
  expectedLossClosedForm: number;
  unexpectedLoss: Estimate;
  levels: LevelEstimate[];
  histogram: LossHistogram | null;
}

function estimate(value: number, standardError: number): Estimate {
  const relativeError = standardError === 0 ? 0 : value === 0 ? Infinity : standardError / Math.abs(value);
  return { value, standardError, relativeError };
}

/** Mean and standard error of x_j over N scenarios from sum and sum of squares. */
function meanError(sum: number, squares: number, n: number): [number, number] {
  const mean = sum / n;
  const variance = Math.max(0, squares / n - mean * mean);
  return [mean, Math.sqrt(variance / n)];
}

export interface EstimateOptions {
  /** Histogram of the loss distribution; null for none. Default 50 bins. */
  histogram?: HistogramOptions | null;
}

function levelEstimate(plan: SimulationPlan, sample: MergedSample, tail: WeightedTail, level: number): LevelEstimate {
  const { losses, weights, sectorLosses, scenarios: n } = sample;
  const sectors = plan.sectors.length;
  const tailMass = 1 - level;
  const q = quantileOf(tail, level);
  let indicatorSum = 0;
  let indicatorSquares = 0;
  let excessSum = 0;
  let excessSquares = 0;
  let tailScenarios = 0;
  const bySector = new Float64Array(sectors);
  for (let j = 0; j < n; j++) {
    const loss = losses[j]!;
    if (loss < q.value) continue;
    const w = weights[j]!;
    tailScenarios++;
    const share = loss > q.value ? 1 : q.atomShare;
    for (let s = 0; s < sectors; s++) bySector[s]! += share * w * sectorLosses[j * sectors + s]!;
    if (loss > q.value) {
      indicatorSum += w;
      indicatorSquares += w * w;
      const excess = w * (loss - q.value);
      excessSum += excess;
      excessSquares += excess * excess;
    }
  }
  const [, indicatorError] = meanError(indicatorSum, indicatorSquares, n);
  const [meanExcess, excessError] = meanError(excessSum, excessSquares, n);
  const es = q.value + meanExcess / tailMass;
  // With nothing beyond VaR (VaR is the largest loss, or every loss is 0) the interval collapses.
  let varError = Infinity;
  if (tailScenarios >= 10) {
    const lower = quantileOf(tail, Math.max(1e-12, level - indicatorError)).value;
    const upper = quantileOf(tail, Math.min(1 - 1e-15, level + indicatorError)).value;
    varError = (upper - lower) / 2;
  }
  const contributionsBySector: Record<string, number> = {};
  plan.sectors.forEach((sector, s) => (contributionsBySector[sector] = bySector[s]! / (n * tailMass)));
  return {
    level,
    valueAtRisk: estimate(q.value, varError),
    expectedShortfall: estimate(es, tailScenarios >= 10 ? excessError / tailMass : Infinity),
    probabilityAbove: q.above,
    atomShare: q.atomShare,
    tailScenarios,
    contributionsBySector,
  };
}

export function estimateRisk(plan: SimulationPlan, sample: MergedSample, options: EstimateOptions = {}): RiskEstimates {
  if (sample.fingerprint !== plan.fingerprint) throw new Error('the sample belongs to another plan');
  const { losses, weights, scenarios: n } = sample;
  if (n === 0) throw new Error('the sample is empty');
  let sum = 0;
  let squares = 0;
  let sum2 = 0;
  let squares2 = 0;
  let cross = 0;
  let weightSum = 0;
  let weightSquares = 0;
  for (let j = 0; j < n; j++) {
    const w = weights[j]!;
    const loss = losses[j]!;
    const x = w * loss;
    const x2 = x * loss;
    sum += x;
    squares += x * x;
    sum2 += x2;
    squares2 += x2 * x2;
    cross += x * x2;
    weightSum += w;
    weightSquares += w * w;
  }
  const [el, elError] = meanError(sum, squares, n);
  const m2 = sum2 / n;
  const variance = Math.max(0, m2 - el * el);
  const ul = Math.sqrt(variance);
  let ulError = Infinity;
  if (ul > 0) {
    const varX = squares / n - el * el;
    const varY = squares2 / n - m2 * m2;
    const covXY = cross / n - el * m2;
    const g1 = -el / ul;
    const g2 = 1 / (2 * ul);
    ulError = Math.sqrt(Math.max(0, g1 * g1 * varX + 2 * g1 * g2 * covXY + g2 * g2 * varY) / n);
  } else if (variance === 0) ulError = 0;
  const tail = weightedTail(losses, weights);
  const histogramOptions = options.histogram === undefined ? {} : options.histogram;
  return {
    fingerprint: plan.fingerprint,
    scenarios: n,
    effectiveSampleSize: weightSquares > 0 ? (weightSum * weightSum) / weightSquares : 0,
    expectedLoss: estimate(el, elError),
    expectedLossClosedForm: plan.expectedLoss,
    unexpectedLoss: estimate(ul, ulError),
    levels: plan.levels.map((level) => levelEstimate(plan, sample, tail, level)),
    histogram: histogramOptions === null ? null : lossHistogram(sample, histogramOptions),
  };
}

/** The largest relative error among VaR and ES at every level (the stopping rule's measure). */
export function worstRelativeError(risk: RiskEstimates): number {
  let worst = 0;
  for (const level of risk.levels) worst = Math.max(worst, level.valueAtRisk.relativeError, level.expectedShortfall.relativeError);
  return worst;
}
