/** The fitted logistic model as stored in the model file (plain JSON). */

export interface LambdaTrial {
  lambda: number;
  validationLogLoss: number;
  validationAuc: number;
  iterations: number;
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
  /** Weight given to each default in training (1 = unweighted). */
  defaultWeight: number;
  solver: { method: 'newton'; iterations: number; gradientNorm: number; converged: boolean; seconds: number; threads: number };
  lambdaSearch: LambdaTrial[];
  /** Standard errors and Wald p-values, intercept last; null when not computed. */
  standardErrors: number[] | null;
  pValues: number[] | null;
  scorecard: ScorecardState | null;
}
