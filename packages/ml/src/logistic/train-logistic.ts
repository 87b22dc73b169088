/**
 * Trains the logistic model on a pipeline's design: the L2 penalty is chosen on the validation rows
 * (lowest log loss over a grid, warm-starting each fit from the previous one), then standard errors,
 * and scorecard points in WoE mode.
 */
import { auc, logLoss } from '../metrics/index.ts';
import { designLayout, type DesignMatrix } from '../pipeline/design-matrix.ts';
import type { PipelineState } from '../pipeline/types.ts';
import { sharedFloat32 } from '../util/shared-arrays.ts';
import { sigmoid } from '../util/logistic-math.ts';
import { designColumnMeans } from './design-stats.ts';
import { exactHessian, fitLogistic, type LogisticFit } from './fit-logistic.ts';
import { designLogits } from './logits.ts';
import { buildScorecard, DEFAULT_SCORECARD, type ScorecardOptions } from './scorecard.ts';
import type { LambdaTrial, LogisticModelState } from './types.ts';
import { waldStatistics } from './wald.ts';

export interface LogisticTrainOptions {
  /** Penalties to try (sum-of-losses scale, = 1/C in scikit-learn); the validation picks one. */
  lambdas?: number[];
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

export async function trainLogistic(
  pipeline: PipelineState,
  train: { design: DesignMatrix; labels: Uint8Array },
  validation: { design: DesignMatrix; labels: Uint8Array },
  options: LogisticTrainOptions = {},
): Promise<LogisticModelState> {
  const layout = designLayout(pipeline);
  const defaultWeight = defaultWeightFor(train.labels, options.classWeight);
  const weights = rowWeights(train.labels, defaultWeight);
  const lambdas = [...(options.lambdas ?? DEFAULT_LAMBDAS)].sort((a, b) => b - a);
  const trials: LambdaTrial[] = [];
  let best: { fit: LogisticFit; loss: number } | null = null;
  let init: Float64Array | undefined;
  for (const lambda of lambdas) {
    options.signal?.throwIfAborted();
    const fit = await fitLogistic(train.design, train.labels, { lambda, weights, init, threads: options.threads });
    init = Float64Array.from([...fit.coef, fit.intercept]);
    const logits = designLogits(validation.design, fit.coef, fit.intercept);
    const pd = Array.from(logits, sigmoid);
    const loss = logLoss(validation.labels, pd);
    trials.push({ lambda, validationLogLoss: loss, validationAuc: auc(validation.labels, logits), iterations: fit.iterations });
    options.onTrial?.(trials[trials.length - 1]!, trials.length, lambdas.length);
    if (!best || loss < best.loss) best = { fit, loss };
  }
  if (!best) throw new Error('trainLogistic: no penalty to try');
  const { fit } = best;
  const lambda = trials.find((t) => t.validationLogLoss === best.loss)!.lambda;
  for (const c of fit.coef) if (!Number.isFinite(c)) throw new Error('logistic training produced a non-finite coefficient');
  let standardErrors: number[] | null = null;
  let pValues: number[] | null = null;
  if (options.standardErrors ?? true) {
    const hessian = await exactHessian(train.design, weights, fit.coef, fit.intercept, lambda);
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
    columnMeans: Array.from(designColumnMeans(train.design)),
    lambda,
    defaultWeight,
    solver: {
      method: 'newton',
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
