/**
 * Trains the logistic model on a pipeline's design: the penalty's strength is chosen on the validation
 * rows (lowest log loss over a grid, warm-starting each fit from the previous one), then standard
 * errors (Newton fits), and scorecard points in WoE mode.
 *
 * L2 tries a fixed grid of strengths (DEFAULT_LAMBDAS). L1 and elastic net walk down a path from the
 * smallest strength that keeps no column (lambda_max, from the gradient at the intercept-only model)
 * to a thousandth of it, as glmnet does, stopping once the validation loss has risen three times in a
 * row: the dense end of the path is the slowest to fit and the least likely to win.
 */
import { auc, logLoss } from '../metrics/index.ts';
import { designLayout } from '../pipeline/design-matrix.ts';
import type { PipelineState } from '../pipeline/types.ts';
import { sharedFloat32 } from '../util/shared-arrays.ts';
import { sigmoid } from '../util/logistic-math.ts';
import { allColumnDots } from './column-ops.ts';
import { fitCoordinateDescent } from './coordinate-descent.ts';
import { exactHessian, fitLogistic } from './fit-logistic.ts';
import { logisticDesignLogits, logisticDesignMeans, type LogisticDesign } from './logistic-design.ts';
import { makePenalty, type Penalty } from './penalty.ts';
import { buildScorecard, DEFAULT_SCORECARD, type ScorecardOptions } from './scorecard.ts';
import type { SolverChoice } from './solver-choice.ts';
import type { LambdaTrial, LogisticModelState } from './types.ts';
import { waldStatistics } from './wald.ts';

export interface LogisticTrainOptions {
  /** Strengths to try (sum-of-losses scale, = 1/C in scikit-learn); the validation picks one. */
  lambdas?: number[];
  penalty?: Penalty;
  /** Which solver runs and why (defaults to Newton for a row design, coordinate descent for a column one). */
  solver?: SolverChoice;
  /** 'balanced' weighs defaults by non-defaults/defaults; a number is the weight of each default. */
  classWeight?: 'balanced' | number;
  standardErrors?: boolean;
  scorecard?: Partial<ScorecardOptions>;
  threads?: number;
  /** Checked between penalties: an aborted job stops there. */
  signal?: AbortSignal;
  /** After each penalty tried (the training job's progress). */
  onTrial?(trial: LambdaTrial, index: number, total: number): void;
}

export const DEFAULT_LAMBDAS = [1000, 300, 100, 30, 10, 3, 1];
/** Points on an L1 / elastic-net path, and how far down from lambda_max it goes. */
const PATH_POINTS = 16;
const PATH_RATIO = 1e-3;
/** Stop the path once validation loss has risen this many times in a row. */
const PATH_PATIENCE = 3;

export function defaultWeightFor(labels: Uint8Array, classWeight: LogisticTrainOptions['classWeight']): number {
  if (classWeight === undefined) return 1;
  if (classWeight === 'balanced') {
    let positives = 0;
    for (const y of labels) positives += y;
    return positives > 0 ? (labels.length - positives) / positives : 1;
  }
  if (!(classWeight > 0)) throw new Error(`class weight must be "balanced" or a positive number, got ${classWeight}`);
  return classWeight;
}

export function rowWeights(labels: Uint8Array, defaultWeight: number): Float32Array | null {
  if (defaultWeight === 1) return null;
  const weights = sharedFloat32(labels.length);
  for (let i = 0; i < labels.length; i++) weights[i] = labels[i] === 1 ? defaultWeight : 1;
  return weights;
}

/** The smallest L1 strength at which every coefficient is zero (the intercept-only model is optimal). */
export function lambdaMax(design: LogisticDesign, labels: Uint8Array, weights: Float32Array | null, penalty: Penalty): number {
  if (design.layout !== 'columns') throw new Error('lambdaMax needs the column design');
  let total = 0;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights ? weights[i]! : 1;
    total += w;
    positives += w * labels[i]!;
  }
  const rate = positives / total;
  const g = Float64Array.from(labels, (y, i) => (weights ? weights[i]! : 1) * (rate - y));
  const grad = new Float64Array(design.design.columnCount);
  allColumnDots(design.design, g, grad);
  let max = 0;
  for (const v of grad) max = Math.max(max, Math.abs(v));
  return max / Math.max(penalty.l1Ratio, 1e-12);
}

function penaltyPath(start: number): number[] {
  return Array.from({ length: PATH_POINTS }, (_, k) => start * PATH_RATIO ** (k / (PATH_POINTS - 1)));
}

interface FitResult {
  coef: Float64Array;
  intercept: number;
  iterations: number;
  gradientNorm: number;
  converged: boolean;
  seconds: number;
  threads: number;
}

export async function trainLogistic(
  pipeline: PipelineState,
  train: { design: LogisticDesign; labels: Uint8Array },
  validation: { design: LogisticDesign; labels: Uint8Array },
  options: LogisticTrainOptions = {},
): Promise<LogisticModelState> {
  const layout = designLayout(pipeline);
  const penalty = options.penalty ?? makePenalty('l2');
  const method = train.design.layout === 'rows' ? 'newton' : 'coordinate-descent';
  if (penalty.kind !== 'l2' && method === 'newton') throw new Error('an L1 or elastic-net penalty needs the column design');
  const solver: SolverChoice = options.solver ?? { method, reason: 'chosen by the caller', workingBytes: 0 };
  const defaultWeight = defaultWeightFor(train.labels, options.classWeight);
  const weights = rowWeights(train.labels, defaultWeight);

  const fitAt = async (lambda: number, init: Float64Array | undefined): Promise<FitResult> => {
    if (train.design.layout === 'rows')
      return fitLogistic(train.design.design, train.labels, { lambda, weights, init, threads: options.threads });
    const fit = await fitCoordinateDescent(train.design.design, train.labels, { lambda, penalty, weights, init });
    return { ...fit, threads: 1 };
  };

  const path = options.lambdas
    ? [...options.lambdas].sort((a, b) => b - a)
    : penalty.kind === 'l2'
      ? DEFAULT_LAMBDAS
      : penaltyPath(lambdaMax(train.design, train.labels, weights, penalty));
  const trials: LambdaTrial[] = [];
  let best: { fit: FitResult; loss: number; lambda: number } | null = null;
  let init: Float64Array | undefined;
  let rises = 0;
  for (const lambda of path) {
    options.signal?.throwIfAborted();
    const fit = await fitAt(lambda, init);
    init = Float64Array.from([...fit.coef, fit.intercept]);
    const logits = logisticDesignLogits(validation.design, fit.coef, fit.intercept);
    const loss = logLoss(validation.labels, Array.from(logits, sigmoid));
    let nonZero = 0;
    for (const c of fit.coef) if (c !== 0) nonZero++;
    trials.push({ lambda, validationLogLoss: loss, validationAuc: auc(validation.labels, logits), iterations: fit.iterations, nonZero });
    options.onTrial?.(trials[trials.length - 1]!, trials.length, path.length);
    if (!best || loss < best.loss) {
      best = { fit, loss, lambda };
      rises = 0;
    } else if (penalty.kind !== 'l2' && !options.lambdas && ++rises >= PATH_PATIENCE) {
      break;
    }
  }
  if (!best) throw new Error('trainLogistic: no penalty to try');
  const { fit, lambda } = best;
  for (const c of fit.coef) if (!Number.isFinite(c)) throw new Error('logistic training produced a non-finite coefficient');
  let standardErrors: number[] | null = null;
  let pValues: number[] | null = null;
  if ((options.standardErrors ?? true) && train.design.layout === 'rows') {
    const hessian = await exactHessian(train.design.design, weights, fit.coef, fit.intercept, lambda);
    ({ standardErrors, pValues } = waldStatistics(hessian, fit.coef, fit.intercept));
  }
  const scorecard =
    pipeline.options.encoding === 'woe'
      ? buildScorecard(layout, fit.coef, fit.intercept, { ...DEFAULT_SCORECARD, ...options.scorecard })
      : null;
  return {
    columns: layout.columns.map((c) => c.name),
    coefficients: Array.from(fit.coef),
    intercept: fit.intercept,
    columnMeans: Array.from(logisticDesignMeans(train.design)),
    lambda,
    penalty,
    defaultWeight,
    solver: {
      method: solver.method,
      reason: solver.reason,
      iterations: fit.iterations,
      gradientNorm: fit.gradientNorm,
      converged: fit.converged,
      seconds: fit.seconds,
      threads: fit.threads,
    },
    lambdaSearch: trials,
    standardErrors,
    pValues,
    scorecard,
  };
}
