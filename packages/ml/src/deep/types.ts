// Types shared by the deep model's trainer (tfjs), its lean scorer and its explainer (no tfjs).
// This file must stay free of runtime imports: the lean scorer depends on it.

/** One group of repeated monthly fields, e.g. PAY_0..PAY_6 with BILL_AMT1..6 and PAY_AMT1..6. */
export interface DeepSequence {
  name: string;
  steps: number;
  channels: number;
  /** n x steps x channels, row-major, standardised. */
  values: Float32Array;
  /** [step][channel] -> ORIGINAL column name ('' where the cell is padding). */
  features: string[][];
}

export interface DeepCategorical {
  feature: string;
  cardinality: number;
  /** Codes in [0, cardinality). */
  codes: Int32Array;
}

/** The contract with the feature pipeline: what the deep model consumes. */
export interface DeepDataset {
  /** Rows. */
  n: number;
  /** n x denseDim, row-major, already imputed/clipped/standardised. */
  dense: Float32Array;
  denseDim: number;
  /** Length denseDim: the ORIGINAL feature each dense column comes from. */
  denseFeatures: string[];
  categorical: DeepCategorical[];
  sequences: DeepSequence[];
  /** 1 = default. */
  labels?: Uint8Array;
  /** Per-row sample weights (class weighting); default 1. */
  weights?: Float32Array;
}

/** One row for single-row scoring and explanation. */
export interface DeepRow {
  /** Length denseDim. */
  dense: ArrayLike<number>;
  /** One code per categorical feature, in schema order. */
  categorical: ArrayLike<number>;
  /** One array of steps x channels values per sequence group, in schema order. */
  sequences: ArrayLike<number>[];
}

export type DeepActivation = 'swish' | 'gelu' | 'softplus' | 'tanh' | 'elu' | 'selu';
export type DeepPooling = 'mean' | 'flatten';

/** Everything that fixes the network's shape and maths (stored in the model). */
export interface DeepArchitecture {
  activation: DeepActivation;
  /** Widths of the hidden layers of the MLP. */
  hidden: number[];
  /** Dropout rate after each hidden layer during training (no effect at scoring). */
  dropout: number;
  /** Embedding width per categorical feature, in schema order. */
  embeddingDims: number[];
  /** 1-D convolution over time ('same' padding, stride 1), one per sequence group. */
  conv: { kernelSize: number; filters: number; pooling: DeepPooling };
  /** A linear ("wide") term over the whole input representation, added to the logit. */
  wide: boolean;
}

/** The input schema a model was trained on; scoring data must match it. */
export interface DeepSchema {
  denseFeatures: string[];
  /** counts: training frequency of each level, used for the explanation baseline. */
  categorical: { feature: string; cardinality: number; counts: number[] }[];
  sequences: { name: string; steps: number; channels: number; features: string[][] }[];
}

export interface DeepEpochRecord {
  epoch: number;
  loss: number;
  valLoss: number;
  valAuc: number;
  seconds: number;
  frozen: boolean;
}

/** One serialised tensor: little-endian float32, base64. */
export interface DeepTensorJson {
  shape: number[];
  data: string;
}

/**
 * A monotone map of each dense column fitted on training rows (input-transform.ts); a column with
 * no knots is left as it is.
 */
export interface DeepInputTransform {
  kind: 'rank-gauss';
  /** Per dense column: strictly increasing input values. */
  knots: number[][];
  /** Per dense column: the normal score at each knot. */
  scores: number[][];
}

/** Plain JSON-able fitted model. */
export interface DeepModelState {
  format: 'probity-deep';
  version: 1;
  architecture: DeepArchitecture;
  schema: DeepSchema;
  /**
   * Applied to the dense block of every dataset built for this model, before the network (absent in
   * models trained before it existed: the dense block goes in as the pipeline standardised it).
   */
  inputTransform?: DeepInputTransform;
  /** Parameter name -> tensor; names and shapes are fixed by `parameterShapes`. */
  weights: Record<string, DeepTensorJson>;
  training: {
    seed: number;
    backend: string;
    epochsRun: number;
    bestEpoch: number;
    monitor: DeepMonitor;
    seconds: number;
    history: DeepEpochRecord[];
    /** Validation loss/AUC before the first update (the warm-start starting point). */
    initial: { valLoss: number; valAuc: number };
    warmStarted: boolean;
    hyper: { learningRate: number; batchSize: number; l2: number; patience: number; freezeEpochs: number };
  };
}

export type DeepMonitor = 'valLoss' | 'valAuc';
export type DeepInputs = 'standard' | 'rank-gauss';
export type DeepFreezable = 'embeddings' | 'sequence';

export interface DeepOptions {
  /** Seeds initialisers, shuffles and dropout masks. Default 42. */
  seed?: number;
  /** Maximum epochs. Default 60. */
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** L2 penalty on kernels and embeddings, added to the mean weighted log loss. */
  l2?: number;
  dropout?: number;
  hidden?: number[];
  activation?: DeepActivation;
  /** Override the embedding widths (default min(16, ceil(1.6 * card^0.56))). */
  embeddingDims?: number[];
  conv?: Partial<DeepArchitecture['conv']>;
  wide?: boolean;
  /** Early stopping: epochs without improvement before stopping. Default 8. */
  patience?: number;
  monitor?: DeepMonitor;
  minDelta?: number;
  /**
   * Warm start (transfer learning): start from this model's weights and architecture; the
   * architecture options above (hidden, activation, dropout, embeddingDims, conv, wide) are then
   * taken from the model, not from these options.
   */
  init?: DeepModelState;
  /** With `init`: epochs during which the parts in `freeze` are not updated. Default 0. */
  freezeEpochs?: number;
  freeze?: DeepFreezable[];
  /**
   * The dense block as the pipeline standardised it ('standard', trainDeep's default), or mapped
   * through training quantiles onto normal scores ('rank-gauss', stored in the model; the deep
   * family's default, see defaults.ts). A warm start keeps its model's transform.
   */
  inputs?: DeepInputs;
  /** Start the output bias at the log-odds of the training default rate (default false: at 0). */
  priorBias?: boolean;
  /** Rows per forward pass when predicting validation data. Default 65,536. */
  predictBatchSize?: number;
}

export interface DeepEpochEvent {
  epoch: number;
  epochs: number;
  loss: number;
  valLoss: number;
  valAuc: number;
  seconds: number;
  etaSeconds: number;
}

export interface DeepHooks {
  onEpoch?(e: DeepEpochEvent): void;
  /** Checked before every batch: an aborted job stops there (its tensors are freed). */
  signal?: AbortSignal;
}

export interface DeepTrainResult {
  state: DeepModelState;
  /** Logits on the validation set from the restored best weights (tfjs forward pass). */
  validationLogits: Float32Array;
  backend: string;
  seconds: number;
}
