/**
 * The fitted feature pipeline, as stored in the model file. Everything here is learned on training
 * rows only and is plain JSON, so a model file scores the same anywhere.
 */

/**
 * How the logistic model sees each input. hybrid (the default): a numeric input's monotone WoE bin and
 * its standardised value with a missing indicator, so the penalty can use a step shape or a straight
 * line, whichever the data support; bins: one-hot quantile bins; woe: the WoE bin alone (scorecards);
 * linear: the standardised value and missing indicator alone.
 */
export type Encoding = 'bins' | 'woe' | 'linear' | 'hybrid';

export type AggregateStat = 'max' | 'min' | 'mean' | 'std' | 'trend';
export type RatioStat = 'first' | 'mean' | 'max';

/** Where a numeric input's raw value comes from. */
export type Derivation =
  | { kind: 'column'; column: string }
  /** A statistic over the non-missing members of a repeated group (trend = first - last). */
  | { kind: 'aggregate'; columns: string[]; stat: AggregateStat }
  /** A group statistic divided by a limit-like column the caller named. */
  | { kind: 'ratio'; columns: string[]; stat: RatioStat; denominator: string };

export interface ScalingState {
  median: number;
  /** Whether training rows had missing values (then a missing indicator exists). */
  hasMissing: boolean;
  low: number;
  high: number;
  /** sign(x) * log(1 + |x|) before standardising, chosen for skewed inputs such as amounts. */
  signedLog: boolean;
  mean: number;
  std: number;
}

export interface BinningState {
  /** Ascending cut points: a value v falls in bin k = number of edges <= v. */
  edges: number[];
  /** Missing values have their own bin (index edges.length + 1) when training rows had any. */
  missingBin: boolean;
  /** Training rows and defaults per bin (missing bin last), for reports and scorecards. */
  counts: number[];
  defaults: number[];
  /** Weight of evidence per bin, ln(share of non-defaults / share of defaults). */
  woe: number[];
  informationValue: number;
  monotone: 'increasing' | 'decreasing' | null;
}

export interface NumericInputState {
  name: string;
  /** The explanation unit this input's contributions are added to. */
  unit: string;
  derivation: Derivation;
  scaling: ScalingState;
  bins: BinningState;
  /** Small-integer code column: binned per value rather than by quantiles. */
  codeLike: boolean;
}

export interface CategoricalInputState {
  name: string;
  unit: string;
  column: string;
  /** Kept levels; code = 2 + index. Code 0 = missing, code 1 = rare or unseen level. */
  levels: string[];
  /** Training rows and defaults per code. */
  counts: number[];
  defaults: number[];
  woe: number[];
  informationValue: number;
  /** False for code-like numeric columns, which the logistic model sees through their bins. */
  inDesign: boolean;
}

export const CODE_MISSING = 0;
export const CODE_OTHER = 1;
export const FIRST_LEVEL_CODE = 2;

export interface SequenceChannelState {
  group: string;
  columns: string[];
  scaling: ScalingState;
}

/** Equal-length groups become one sequence with a channel per group (for the deep model). */
export interface SequenceState {
  name: string;
  steps: number;
  channels: SequenceChannelState[];
}

/** A unit of explanation: an original column, or a repeated group as a whole (for its aggregates). */
export interface FeatureUnit {
  name: string;
  columns: string[];
}

export interface PipelineOptions {
  encoding: Encoding;
  /** Quantile bins for continuous inputs (bins and woe modes). */
  maxBins: number;
  /** Levels seen in fewer training rows than this go to the rare bucket. */
  minLevelCount: number;
  /** Clip continuous inputs at these training percentiles. */
  clipQuantiles: [number, number];
  /** Add max/min/mean/std/trend over repeated groups. */
  groupAggregates: boolean;
  /** A limit-like column to divide group amounts by. */
  limitColumn?: string;
  /** In woe mode: smallest share of training rows in a bin after merging. */
  minBinShare: number;
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = {
  encoding: 'hybrid',
  maxBins: 10,
  minLevelCount: 20,
  clipQuantiles: [0.005, 0.995],
  groupAggregates: true,
  minBinShare: 0.03,
};

export interface PipelineState {
  options: PipelineOptions;
  numeric: NumericInputState[];
  categorical: CategoricalInputState[];
  sequences: SequenceState[];
  units: FeatureUnit[];
  /** Raw columns the pipeline reads (a scoring file must have them, values may be missing). */
  columns: string[];
}
