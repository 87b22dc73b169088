/**
 * One interface for every model family (logistic, deep, trees, fusion): fit on prepared rows, compile
 * a scorer, score and explain typed-array batches, serialise (a zod schema of the stored state) and
 * describe. Training, the scorer, the CLI and the report go through it, so adding a family is a file
 * plus a line in registry.ts, not a branch in each of them.
 */
import type { z } from 'zod';
import type { Table } from '../data/table.ts';
import type { DeepEpochRecord, DeepModelState } from '../deep/types.ts';
import type { GbdtModelState, GbdtParams } from '../trees/types.ts';
import type { KeptFeature } from '../logistic/kept-features.ts';
import type { Penalty } from '../logistic/penalty.ts';
import type { SolverMethod } from '../logistic/solver-choice.ts';
import type { LambdaTrial, LogisticModelState } from '../logistic/types.ts';
import type { SummaryMetrics } from '../metrics/index.ts';
import type { RowSelection } from '../pipeline/row-selection.ts';
import type { PipelineState } from '../pipeline/types.ts';

/** The families a fusion can stack. */
export type FamilyKind = 'logistic' | 'deep' | 'gbdt';
export type ModelKind = FamilyKind | 'fusion';

/** The stored state of each family a fusion can stack. */
export interface FamilyStates {
  logistic: LogisticModelState;
  deep: DeepModelState;
  gbdt: GbdtModelState;
}

/** A single-family model as the model file stores it. */
export type MemberModel = { [K in FamilyKind]: { kind: K; state: FamilyStates[K] } }[FamilyKind];

/** Stacking: fused log-odds = intercept + sum of weight x member raw log-odds (already calibrated). */
export interface FusionState {
  intercept: number;
  members: { weight: number; model: MemberModel }[];
  /** Members trained but left out of the file (weight 0), and why. */
  dropped: { kind: FamilyKind; reason: string }[];
  /**
   * Which rows the weights were fitted on: out-of-fold log-odds of every training and validation row
   * (with `folds`), or the validation rows alone (files written before, large or augmented data).
   * Absent in older files (validation).
   */
  stacking?: { rows: 'out-of-fold' | 'validation'; count: number; defaults: number; folds: number };
}

/** The model part of a model file: which family, and its fitted state. */
export type ModelState = MemberModel | { kind: 'fusion'; state: FusionState };

/** Rows of the training table with their labels (shared memory: solver threads may read them). */
export interface LabelledRows {
  rows: Int32Array;
  labels: Uint8Array;
}

/** What a training job reports as it goes (the platform forwards these from its workers). */
export interface TrainProgress {
  /** "fitting the feature pipeline", "training the deep model (from scratch)", ... */
  stage: string;
  /** The family the event is about, if any. */
  family?: ModelKind;
  /** Iterative fits: which step (epoch, tree, penalty) of how many. */
  step?: { unit: 'epoch' | 'tree' | 'penalty'; index: number; total: number };
  /** Deep runs: "from scratch" or "fine-tuned from the warm-start model". */
  run?: string;
  loss?: number;
  validationLoss?: number;
  validationAuc?: number;
  /** Seconds since training started. */
  elapsedSeconds: number;
  /** Seconds left in the current fit, when it can tell. */
  etaSeconds?: number;
}

/** Everything a family's fit gets: the fitted pipeline, the rows, and the job's hooks. */
export interface FitContext {
  pipeline: PipelineState;
  table: Table;
  train: LabelledRows;
  validation: LabelledRows;
  /** Test rows, only for the per-family figures of the report (never used to fit anything). */
  test: LabelledRows | null;
  classWeight?: 'balanced' | number;
  threads?: number;
  signal?: AbortSignal;
  stage(name: string): void;
  log(message: string): void;
  /** A remark for the report's notes (something the user should know about this fit). */
  note(message: string): void;
  progress(event: Omit<TrainProgress, 'elapsedSeconds'>): void;
  /**
   * The feature pipeline fitted again on these rows of `table` (as training fits it on the training
   * rows): a member's out-of-fold fits must not see the held-out fold, not even through an encoding.
   * Absent where refitting is not possible (augmented tables).
   */
  refitPipeline?: (rows: Int32Array) => PipelineState;
  /**
   * Set by a fusion: members that can should return `outOfFoldLogits` over the development rows
   * (training rows, then validation rows) from this many folds.
   */
  outOfFold?: { folds: number; seed: number };
  /** A fusion hands its members' log-odds here before stacking (TrainHooks.onStackInputs). */
  onStackInputs?: (inputs: StackInputs) => void;
}

/**
 * What a fusion stacks, for replaying stacking rules offline (bench/quality-cv.ts --dump): labels and
 * each member's held-out validation log-odds, out-of-fold log-odds over the training then validation
 * rows (null without), and its log-odds on the test rows (null without test rows).
 */
export interface StackInputs {
  labels: { train: Uint8Array; validation: Uint8Array; test: Uint8Array | null };
  members: { kind: FamilyKind; validation: Float64Array; outOfFold: Float64Array | null; test: Float64Array | null }[];
}

/** How the training backend is described in the model file and the report. */
export interface BackendInfo {
  name: string;
  detail: string;
}

/** Figures of one fitted family on its raw log-odds (before calibration). */
export interface FamilyMetrics {
  validation: SummaryMetrics;
  test: SummaryMetrics | null;
}

export interface LogisticReport extends FamilyMetrics {
  lambda: number;
  penalty: Penalty;
  /** The solver that ran and why (Newton for narrow L2 designs, coordinate descent otherwise). */
  solver: { method: SolverMethod; reason: string };
  iterations: number;
  gradientNorm: number;
  converged: boolean;
  seconds: number;
  lambdaSearch: LambdaTrial[];
  /** Features (original columns or repeated groups) in the design, and those with a non-zero coefficient. */
  features: number;
  keptFeatures: KeptFeature[];
}

export interface DeepRunReport extends FamilyMetrics {
  run: string;
  warmStarted: boolean;
  epochsRun: number;
  bestEpoch: number;
  seconds: number;
  /** Validation figures before the first update (a warm start's starting point). */
  initial: { valLoss: number; valAuc: number };
  history: DeepEpochRecord[];
}

export interface GbdtReport extends FamilyMetrics {
  /** Trees kept (early stopping) and trained. */
  trees: number;
  treesTrained: number;
  /**
   * The refit on training and validation rows once early stopping chose the trees (null: none). The
   * validation figures are those of the first fit, which did not see the validation rows.
   */
  refit: {
    rows: number;
    trees: number;
    /** The count before scaling, chosen on held-out rows: by `chosenBy` (`validation` or `K-fold cross-validation`). */
    chosenOnValidation: number;
    rule: 'scaled' | 'same';
    chosenBy: string;
  } | null;
  params: GbdtParams;
  /**
   * The settings the cross-validation chose between (DEFAULT_GBDT_CANDIDATES): each one's lowest mean
   * held-out log loss (null: no tree lowered it) at that many trees; `params` is the chosen one's.
   * Empty without cross-validation.
   */
  candidates: { params: GbdtParams; heldOutLogLoss: number | null; trees: number; chosen: boolean }[];
  /** Inputs with a monotone direction. */
  monotone: Record<string, number>;
  /** Inputs left out because a constraint cannot hold through them. */
  excluded: string[];
  seconds: number;
}

export interface FusionReport extends FamilyMetrics {
  intercept: number;
  /** Stacking weight of each member kept. */
  weights: Partial<Record<FamilyKind, number>>;
  /** Members trained but left out, and why. */
  dropped: { kind: FamilyKind; reason: string }[];
  /** Every subset of the members, stacked on the validation rows, with its 5-fold held-out log loss. */
  candidates: FusionCandidate[];
  /** One standard error (at least 1e-4) of the per-row difference between the kept subset's held-out loss and the lowest. */
  tolerance: number;
  /** The kept member best alone by held-out log loss, and one standard error of its per-row difference to the fusion's (for auto's reason). */
  bestKeptSingle: { member: FamilyKind; crossValidatedLogLoss: number; margin: number };
  /**
   * How the weights were fitted (../fusion/out-of-fold.ts): `out-of-fold` (candidates' losses are
   * nested held-out losses over every development row) or `validation` (5-fold on the validation rows).
   */
  stacking: {
    rows: 'out-of-fold' | 'validation';
    count: number;
    defaults: number;
    folds: number;
    /**
     * Out-of-fold: the fusion is kept over the best single member (it beats it by more than one
     * standard error, or no single member is better than the others by more than one).
     */
    fusionWins: boolean | null;
    /** Out-of-fold: the best single member beats every other single by more than one standard error. */
    singleClear: boolean | null;
    /** Members without out-of-fold log-odds, stacked on the validation rows on top of the others. */
    validationMembers: { kind: FamilyKind; weight: number; logLossWithout: number; logLossWith: number; margin: number; kept: boolean }[];
  };
}

export interface FusionCandidate {
  members: FamilyKind[];
  weights: number[];
  intercept: number;
  crossValidatedLogLoss: number;
  /** False when a weight would be negative. */
  admissible: boolean;
}

/** Per-family sections of the training report (plain JSON). */
export interface FamilyReports {
  logistic?: LogisticReport;
  deep?: DeepRunReport[];
  gbdt?: GbdtReport;
  fusion?: FusionReport;
}

export interface FitResult<State> {
  state: State;
  /** Raw log-odds of the validation rows (calibration, stacking and model choice use them). */
  validationLogits: Float64Array;
  /**
   * True when the state was refit on the validation rows: `validationLogits` then come from the fit
   * that had not seen them (held out), and scoring the state on those rows would be in-sample.
   */
  refitOnValidation?: boolean;
  /** A fusion: each member's held-out validation log-odds (for `--model auto` keeping a single member). */
  memberValidationLogits?: Partial<Record<FamilyKind, Float64Array>>;
  /** A fusion: every member trained, kept or not (`--model auto` may keep one the fusion left out). */
  memberModels?: Partial<Record<FamilyKind, MemberModel>>;
  /**
   * Per development row (training rows, then validation rows): log-odds of a fold model that did not
   * see the row (trees: their count search; logistic: when `context.outOfFold` asks).
   */
  outOfFoldLogits?: Float64Array;
  reports: FamilyReports;
  backend: BackendInfo;
}

export interface BatchExplanation {
  /** rows x units, row-major, on the raw log-odds scale; units in pipeline.units order. */
  contributions: Float64Array;
  /** Raw log-odds the contributions explain, per row. */
  raw: Float64Array;
  /** Raw log-odds at the baseline (the same for every row), and what the baseline is. */
  baseline: number;
  baselineDescription: string;
  /** How each row was explained (the deep part's quadrature may differ per row). */
  methods: string[];
}

export interface ExplainBatchOptions {
  /** Completeness tolerance of the deep model's Integrated Gradients. */
  deepTolerance?: number;
}

/** How a compiled model may run its batch work: the scorer's choice, not the model's. */
export interface CompileOptions {
  /** Worker threads `submit` may use. Default 1. */
  threads?: number;
  /** The largest batch `submit` will be given (sizes shared buffers). Default 4,096. */
  batchSize?: number;
}

/** What `submit` resolves with: `logits`' output, and `explain`'s when asked. */
export interface SubmittedBatch {
  raw: Float64Array;
  parts: Partial<Record<FamilyKind, Float64Array>>;
  explanation: BatchExplanation | null;
}

/**
 * A family's state ready to score. Batches are the family's typed-array encoding of raw rows
 * (float32 row-major where dense); `encode` is the only step that reads a Table.
 */
export interface CompiledModel<Batch = unknown> {
  readonly kind: ModelKind;
  encode(table: Table, rows?: RowSelection): Batch;
  size(batch: Batch): number;
  /** Raw (uncalibrated) log-odds per row, and those of each member of a fusion (of the model itself otherwise). */
  logits(batch: Batch): { raw: Float64Array; parts: Partial<Record<FamilyKind, Float64Array>> };
  /**
   * Fast path when calibration is affine (Platt, none, plus anchor): clamped log-odds a * z + b and
   * PDs in one pass. Families without one are scored as logits, then calibrated.
   */
  scoreAffine?(batch: Batch, a: number, b: number): { logit: Float64Array; pd: Float64Array };
  explain(batch: Batch, options: ExplainBatchOptions): BatchExplanation;
  /**
   * Optional: `logits` (and, when `explain`, `explain`) of one batch on worker threads, resolving
   * later with the same numbers. The caller may submit the next batch before awaiting this one (two
   * in flight), so its own thread encodes and writes meanwhile. Families whose batch work is cheap
   * leave it out; the scorer then calls the synchronous methods.
   */
  submit?(batch: Batch, options: ExplainBatchOptions & { explain: boolean }): Promise<SubmittedBatch>;
  /**
   * Starts the worker threads `submit` uses (otherwise started by the first `submit`) and resolves once
   * they have loaded their code, so a caller that keeps the model (a re-scoring worker) does not make
   * its first batch wait for them.
   */
  warm?(): Promise<void>;
  /** Stops the worker threads `submit` started. */
  close?(): Promise<void>;
  /**
   * Optional: the caller is done with `batch` (its outputs are read, nothing else holds it), so a
   * later `encode` may write into its memory. Only callers that own their batches (the batch scorer) call it.
   */
  recycle?(batch: Batch): void;
}

export interface ModelFamily<K extends ModelKind, State, Options> {
  readonly kind: K;
  /** For people: "logistic regression", "gradient-boosted trees", ... */
  readonly title: string;
  /** Stacking is calibrated already; other families get Platt or isotonic calibration on validation rows. */
  readonly selfCalibrated: boolean;
  /** The stored state's schema (model file version 2). */
  readonly stateSchema: z.ZodType<State>;
  /** Checks the schema cannot express (sizes against the pipeline); returns the first problem, with its path. */
  check(state: State, pipeline: PipelineState): { path: string; message: string } | null;
  fit(context: FitContext, options: Options): Promise<FitResult<State>>;
  compile(state: State, pipeline: PipelineState, options?: CompileOptions): CompiledModel;
  /** One line for the CLI and the report: what the fitted model is. */
  describe(state: State): string;
}
