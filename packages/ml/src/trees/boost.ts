/**
 * Gradient boosting of trees on the log loss: bins fitted on training rows, then tree after tree on
 * the gradients and hessians of the current log-odds (row and feature subsampling per tree, seeded),
 * stopping when the validation log loss has not improved for `earlyStoppingRounds` trees.
 */
import { seededRandom } from '../util/random.ts';
import { sigmoid, softplus } from '../util/logistic-math.ts';
import { binMatrix, edgeSampleRows, fitEdges, MISSING_BIN, transposeBins } from './binning.ts';
import { growTree, type GrownTree } from './grow.ts';
import { TrainingMemory } from './histogram.ts';
import type { GbdtParams, TreeArrays } from './types.ts';

export interface BoostRows {
  /** rows x features, row-major, NaN = missing. */
  values: Float64Array;
  rows: number;
  labels: Uint8Array;
}

export interface BoostInput {
  features: number;
  train: BoostRows;
  validation: BoostRows | null;
  /** Per feature: +1, -1 or 0. */
  monotone: Int8Array;
  /** Per feature: whether splits may use it. */
  usable: Uint8Array;
  params: GbdtParams;
  defaultWeight: number;
  onTree?(index: number, validationLogLoss: number | null, validationLogits: Float64Array): void;
  signal?: AbortSignal;
  /** False keeps training off WebAssembly (the tests compare both paths). */
  wasm?: boolean;
  /** Return every tree trained, not only those up to the best validation loss (cross-validation reads past it). */
  keepTrained?: boolean;
}

export interface BoostResult {
  edges: number[][];
  baseScore: number;
  trees: TreeArrays[];
  treesTrained: number;
  validationLogLoss: number[];
}

function binnedPredict(tree: GrownTree, bins: Uint8Array, row: number, F: number): number {
  let node = 0;
  while (tree.left[node]! >= 0) {
    const bin = bins[row * F + tree.feature[node]!]!;
    const goLeft = bin === MISSING_BIN ? tree.missingLeft[node] === 1 : bin <= tree.splitBin[node]!;
    node = goLeft ? tree.left[node]! : tree.right[node]!;
  }
  return tree.value[node]!;
}

function weightedLogLoss(pred: Float64Array, labels: Uint8Array, defaultWeight: number): number {
  let loss = 0;
  let weight = 0;
  for (let i = 0; i < pred.length; i++) {
    const w = labels[i] ? defaultWeight : 1;
    loss += w * (labels[i] ? softplus(-pred[i]!) : softplus(pred[i]!));
    weight += w;
  }
  return loss / weight;
}

export function boostTrees(input: BoostInput): BoostResult {
  const { features: F, train, validation, params, defaultWeight } = input;
  const random = seededRandom(params.seed);
  const maxBins = Math.min(255, Math.max(2, params.maxBins));
  // Edges from a seeded sample of the training rows (all of them up to 200,000).
  const sample = edgeSampleRows(train.rows, random);
  const column = new Float64Array(sample.length);
  const edges: number[][] = [];
  for (let f = 0; f < F; f++) {
    if (!input.usable[f]) {
      edges.push([]);
      continue;
    }
    for (let i = 0; i < sample.length; i++) column[i] = train.values[sample[i]! * F + f]!;
    edges.push(fitEdges(column, maxBins));
  }
  const edgeArrays = edges.map((e) => Float64Array.from(e));
  // One histogram per open leaf plus the one being built (leaf-wise growth keeps at most maxLeaves
  // open); past 256 the extra ones are plain arrays that the JavaScript kernel fills (same bits).
  const slots = Math.min(params.maxLeaves + 1, 256);
  const memory = new TrainingMemory({ rows: train.rows, features: F, slots, wasm: input.wasm });
  const trainBins = binMatrix(train.values, train.rows, edgeArrays, memory.bins);
  transposeBins(trainBins, train.rows, F, memory.columns);
  const validationBins = validation ? binMatrix(validation.values, validation.rows, edgeArrays) : null;

  let positive = 0;
  let negative = 0;
  for (const y of train.labels)
    if (y) positive += defaultWeight;
    else negative += 1;
  const baseScore = positive > 0 && negative > 0 ? Math.log(positive / negative) : 0;
  const n = train.rows;
  const pred = new Float64Array(n).fill(baseScore);
  const validationPred = new Float64Array(validation?.rows ?? 0).fill(baseScore);
  const gh = memory.gh;
  const data = {
    memory,
    features: F,
    valueBins: Int32Array.from(edges, (e) => e.length + 1),
    edges: edgeArrays,
    monotone: input.monotone,
  };
  const usable: number[] = [];
  for (let f = 0; f < F; f++) if (input.usable[f] && edges[f]!.length > 0) usable.push(f);
  const rows = memory.rows;
  const delta = new Float64Array(n);
  const trees: TreeArrays[] = [];
  const history: number[] = [];
  let best = Infinity;
  let bestCount = 0;
  if (usable.length === 0) return { edges, baseScore, trees, treesTrained: 0, validationLogLoss: history };

  for (let t = 0; t < params.maxTrees; t++) {
    input.signal?.throwIfAborted();
    for (let i = 0; i < n; i++) {
      const p = sigmoid(pred[i]!);
      const w = train.labels[i] ? defaultWeight : 1;
      gh[2 * i] = w * (p - train.labels[i]!);
      gh[2 * i + 1] = Math.max(w * p * (1 - p), 1e-16);
    }
    let count = 0;
    if (params.rowSample < 1) {
      for (let i = 0; i < n; i++) if (random() < params.rowSample) rows[count++] = i;
    } else {
      for (let i = 0; i < n; i++) rows[i] = i;
      count = n;
    }
    let active = Int32Array.from(usable);
    if (params.columnSample < 1) {
      // Seeded partial Fisher-Yates, then ascending (the order splits are searched in).
      const k = Math.max(1, Math.round(params.columnSample * usable.length));
      const pick = [...usable];
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor(random() * (pick.length - i));
        [pick[i], pick[j]] = [pick[j]!, pick[i]!];
      }
      active = Int32Array.from(pick.slice(0, k)).sort();
    }
    const tree = growTree(data, count, active, params);
    if (count === n) {
      // Each row's leaf value scattered by stores (they do not stall as scattered loads do), then
      // added in row order: the same sums as adding leaf by leaf, at streaming speed.
      for (const leaf of tree.leaves) {
        const v = tree.value[leaf.node]!;
        for (let i = leaf.begin; i < leaf.end; i++) delta[rows[i]!] = v;
      }
      for (let i = 0; i < n; i++) pred[i]! += delta[i]!;
    } else {
      for (let i = 0; i < n; i++) pred[i]! += binnedPredict(tree, trainBins, i, F);
    }
    trees.push({
      feature: tree.feature,
      threshold: tree.threshold,
      missingLeft: tree.missingLeft,
      left: tree.left,
      right: tree.right,
      value: tree.value,
      cover: tree.cover,
    });
    let loss: number | null = null;
    if (validation && validationBins) {
      for (let i = 0; i < validation.rows; i++) validationPred[i]! += binnedPredict(tree, validationBins, i, F);
      loss = weightedLogLoss(validationPred, validation.labels, defaultWeight);
      history.push(loss);
      if (loss < best - 1e-12) {
        best = loss;
        bestCount = t + 1;
      }
    } else {
      bestCount = t + 1;
    }
    input.onTree?.(t + 1, loss, validationPred);
    if (validation && t + 1 - bestCount >= params.earlyStoppingRounds) break;
    // A stump with no split on every row and feature will not change: nothing more to learn.
    if (tree.feature.length === 1 && count === n && active.length === usable.length) break;
  }
  return {
    edges,
    baseScore,
    trees: input.keepTrained ? trees : trees.slice(0, bestCount),
    treesTrained: trees.length,
    validationLogLoss: history,
  };
}
