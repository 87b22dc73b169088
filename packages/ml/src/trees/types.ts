/** Gradient-boosted trees as the model file stores them (plain JSON, no typed arrays). */

/** One input of the trees: a pipeline input's raw value (numeric) or its level's weight of evidence (categorical). */
export interface TreeFeature {
  /** The pipeline input it reads (numeric input name or categorical input name). */
  input: string;
  source: 'numeric' | 'categorical';
  /** The explanation unit its contributions are added to. */
  unit: string;
  /** Bin edges fitted on training rows (ascending; value v is in bin k = number of edges <= v). */
  edges: number[];
  /** Monotone constraint: +1 predictions never fall as it rises, -1 never rise, 0 none. */
  monotone: -1 | 0 | 1;
  /** False when a monotone constraint on a column it depends on cannot hold through it (e.g. a std): never split on. */
  usable: boolean;
}

/**
 * One tree in flat arrays, node 0 the root. Internal nodes: `x < threshold` goes to `left`, a
 * missing value to `left` when `missingLeft` is 1. Leaves have `left` = -1 and their log-odds in `value`.
 * `cover` is the sum of the training rows' hessians reaching the node (TreeSHAP weights by it).
 */
export interface TreeArrays {
  feature: number[];
  threshold: number[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
}

export interface GbdtParams {
  learningRate: number;
  maxTrees: number;
  maxLeaves: number;
  maxDepth: number;
  /** Smallest training rows in a leaf. */
  minLeafRows: number;
  /** Smallest hessian sum in a leaf. */
  minLeafWeight: number;
  /** L2 penalty on leaf values. */
  l2: number;
  /** Share of training rows drawn for each tree. */
  rowSample: number;
  /** Share of features available to each tree. */
  columnSample: number;
  /** Stop after this many trees without a better validation log loss. */
  earlyStoppingRounds: number;
  maxBins: number;
  seed: number;
}

export interface GbdtModelState {
  features: TreeFeature[];
  /** Log-odds before any tree (the weighted training default rate). */
  baseScore: number;
  trees: TreeArrays[];
  params: GbdtParams;
  /** Weight of each default in the loss (class weighting). */
  defaultWeight: number;
  /** Trees trained before early stopping chose `trees.length`. */
  treesTrained: number;
}
