/** Everything a training run can be told, with the hooks a front end uses to show progress. */
import type { CalibrationMethod } from '../calibration/types.ts';
import type { ColumnGroup } from '../data/groups.ts';
import type { SplitSpec } from '../data/split.ts';
import type { DeepEpochEvent, DeepOptions } from '../deep/types.ts';
import type { PenaltyKind } from '../logistic/penalty.ts';
import type { ScorecardOptions } from '../logistic/scorecard.ts';
import type { ModelFile, ModelKind } from '../model-file/types.ts';
import type { Encoding, PipelineOptions } from '../pipeline/types.ts';

export interface TrainOptions {
  model: ModelKind;
  target: string;
  /** The target value meaning default; "1" when omitted. */
  defaultValue?: string;
  id?: string;
  categorical?: string[];
  ignore?: string[];
  /** Caller-named repeated groups (NAME_1..NAME_k patterns are detected as well). */
  groups?: ColumnGroup[];
  /** A limit-like column: group amounts are also taken as ratios to it. */
  limitColumn?: string;
  split?: SplitSpec;
  /** Share of the non-test rows held out for validation. */
  validationFraction?: number;
  seed?: number;
  encoding?: Encoding;
  pipeline?: Partial<Omit<PipelineOptions, 'encoding' | 'limitColumn'>>;
  calibration?: Exclude<CalibrationMethod, 'none'>;
  /** Long-run default rate to re-anchor the PDs to. */
  anchorRate?: number;
  /** 'balanced' or the weight of each default, for rare-default portfolios. */
  classWeight?: 'balanced' | number;
  /** Logistic penalty strengths to try (sum-of-losses scale, 1/C); by default a grid (L2) or a path from lambda_max (L1, elastic net). */
  lambdas?: number[];
  /** Logistic penalty: l2 (default), l1 (feature selection) or elasticnet. */
  penalty?: PenaltyKind;
  /** Elastic net's L1 share, strictly between 0 and 1 (default 0.5). */
  l1Ratio?: number;
  standardErrors?: boolean;
  scorecard?: Partial<ScorecardOptions>;
  deep?: Omit<DeepOptions, 'init'>;
  /** Fine-tune the deep part of this model (and reuse its pipeline) instead of starting fresh. */
  warmStart?: ModelFile;
  /** With warmStart: also train from scratch on the same data and report both. Default true. */
  compareWithScratch?: boolean;
  /** Preferred deep backend (otherwise PROBITY_ML_BACKEND, then the fastest that loads). */
  backend?: string;
  labels?: Record<string, string>;
  /** Where the data came from, for the model file. */
  source?: { file: string | null; sha256: string };
  /** Threads for the logistic solver. */
  threads?: number;
}

export interface TrainHooks {
  /** A stage starts ("validating data", "fitting the pipeline", ...). */
  onStage?(stage: string): void;
  /** A plain progress line (backend chosen, penalty tried, ...). */
  onLog?(message: string): void;
  /** A deep epoch ended; `run` names which deep model (fine-tuned or from scratch). */
  onEpoch?(event: DeepEpochEvent & { run: string }): void;
}
