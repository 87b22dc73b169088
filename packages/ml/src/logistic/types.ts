/** The fitted logistic model as stored in the model file (plain JSON). */
import type { Penalty } from './penalty.ts';
import type { SolverMethod } from './solver-choice.ts';

export interface LambdaTrial {
  lambda: number;
  validationLogLoss: number;
  validationAuc: number;
  iterations: number;
  /** Design columns with a non-zero coefficient at this penalty (absent in older files). */
  nonZero?: number;
}

export interface ScorecardAttribute {
  /** Design column name (the bin or level). */
  column: string;
  points: number;
}

export interface ScorecardState {
  /** Points added to the odds doubling; base points at the base odds (non-default : default). */
  pointsToDoubleOdds: number;
  baseOdds: number;
  basePoints: number;
  /** Points per attribute of each input; the score is the sum over a row's attributes. */
  inputs: { input: string; attributes: ScorecardAttribute[] }[];
}

export interface LogisticModelState {
  /** Design column names, in coefficient order (a check that the pipeline still matches). */
  columns: string[];
  coefficients: number[];
  intercept: number;
  /** Training means of the design columns: the explanation baseline is the log-odds there. */
  columnMeans: number[];
  lambda: number;
  /** The penalty (absent in files written before L1 support: L2). */
  penalty?: Penalty;
  /** Weight given to each default in training (1 = unweighted). */
  defaultWeight: number;
  solver: {
    method: SolverMethod;
    /** Why this solver was chosen (the design's width, the penalty). */
    reason?: string;
    iterations: number;
    gradientNorm: number;
    converged: boolean;
    seconds: number;
    threads: number;
  };
  lambdaSearch: LambdaTrial[];
  /** Standard errors and Wald p-values, intercept last; null when not computed. */
  standardErrors: number[] | null;
  pValues: number[] | null;
  scorecard: ScorecardState | null;
}
