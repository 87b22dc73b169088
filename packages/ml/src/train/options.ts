/** Everything a training run can be told, with the hooks a front end or a job worker uses. */
import type { CalibrationMethod } from '../calibration/types.ts';
import type { ColumnGroup } from '../data/groups.ts';
import type { SplitSpec } from '../data/split.ts';
import type { DeepOptions } from '../deep/types.ts';
import type { GbdtOptions } from '../families/gbdt.ts';
import type { LogisticOptions } from '../families/logistic.ts';
import type { FamilyKind, ModelKind, StackInputs, TrainProgress } from '../families/types.ts';
import type { ModelFile } from '../model-file/types.ts';
import type { AugmentOptions } from './augment.ts';
import type { GradeScale } from '../metrics/grades.ts';
import type { Encoding, PipelineOptions } from '../pipeline/types.ts';

export interface TrainOptions {
  /** A family, a fusion, or auto (every family, then the fusion or the best single one by held-out log loss). */
  model: ModelKind | 'auto';
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
  /** The organization's master scale for the report's calibration by grade (default: DEFAULT_MASTER_SCALE). */
  masterScale?: GradeScale;
  /** Long-run default rate to re-anchor the PDs to. */
  anchorRate?: number;
  /** 'balanced' or the weight of each default, for rare-default portfolios (every family). */
  classWeight?: 'balanced' | number;
  /** Synthetic defaults added to the training rows (smote or noise); the report compares with class weighting and nothing. */
  augment?: AugmentOptions;
  /** Options of each family, used whether it is trained alone or as a member of a fusion. */
  logistic?: LogisticOptions;
  deep?: Omit<DeepOptions, 'init'>;
  gbdt?: GbdtOptions;
  /**
   * Members of a fusion (and auto), and the rows its weights are fitted on: out-of-fold log-odds of
   * every training and validation row (default, ../fusion/out-of-fold.ts) or the validation rows.
   */
  fusion?: { members?: FamilyKind[]; stacking?: 'validation' | 'out-of-fold' };
  /** Fine-tune the deep part of this model (and reuse its pipeline) instead of starting fresh. */
  warmStart?: ModelFile;
  /** With warmStart: also train from scratch on the same data and report both. Default true. */
  compareWithScratch?: boolean;
  /** Preferred deep backend (otherwise the fastest that loads; the CLI passes PROBITY_ML_BACKEND). */
  backend?: string;
  labels?: Record<string, string>;
  /** Where the data came from, for the model file. */
  source?: { file: string | null; sha256: string };
  /** The model file's creation time (default now): fixed, the same data and seed give the same file, byte for byte. */
  createdAt?: string;
  /** Threads for the solvers. */
  threads?: number;
  /** Memory budget in bytes: a run that would need more is refused before the work (default: half the machine's memory, or what is free if less). */
  maxMemory?: number;
}

export type { StackInputs, TrainProgress } from '../families/types.ts';

export interface TrainHooks {
  /** A stage starts ("validating data", "fitting the pipeline", ...). */
  onStage?(stage: string): void;
  /** A plain progress line (backend chosen, penalty tried, ...). */
  onLog?(message: string): void;
  /** Structured progress: stages and every step of an iterative fit (epoch, tree, penalty), with ETA. */
  onProgress?(event: TrainProgress): void;
  /** Aborting it stops training at the next step with the signal's reason (an AbortError by default). */
  signal?: AbortSignal;
  /** A fusion's (and auto's) member log-odds before stacking, for replaying stacking rules (bench/quality-cv.ts --dump). */
  onStackInputs?: (inputs: StackInputs) => void;
}
