/**
 * Synthetic default rows for rare-default portfolios (--augment), made from training rows only and
 * appended to a copy of the table, so every family (logistic, deep, trees) trains on them through the
 * same pipeline while validation and test rows stay real.
 *
 * smote: a new default between a training default and one of its k nearest training defaults (SMOTE,
 * Chawla et al. 2002; with categorical and code-like columns taken from one of the two, as SMOTE-NC
 * does). Neighbours are found in the pipeline's standardised numeric inputs, projected to at most 32
 * dimensions on wide files, among at most 2,000 candidates per row, so the cost stays linear in rows.
 * noise: a jittered copy of a training default: continuous columns move by 10% of their training
 * standard deviation (Gaussian), everything else is copied.
 *
 * Rows are added until defaults reach `ratio` times the non-defaults of the training rows (1: balanced,
 * as imbalanced-learn does by default). The shifted default rate is corrected by the calibration,
 * which is fitted on the real validation rows.
 */
import type { ColumnProfile } from '../data/column-types.ts';
import type { RawColumn, Table } from '../data/table.ts';
import { applyScaling } from '../pipeline/scaling.ts';
import type { PipelineState } from '../pipeline/types.ts';
import { seededRandom } from '../util/random.ts';

export type AugmentMethod = 'smote' | 'noise';

export interface AugmentOptions {
  method: AugmentMethod;
  /** Defaults : non-defaults among training rows after augmentation (0 < ratio <= 1; default 1). */
  ratio?: number;
  /** Neighbours per default for smote (default 5). */
  neighbours?: number;
  seed?: number;
}

export interface Augmented {
  /** The table with the synthetic rows appended (rows table.rowCount and up). */
  table: Table;
  /** Training rows: the real ones, then the synthetic ones. */
  trainRows: Int32Array;
  trainLabels: Uint8Array;
  synthetic: number;
  defaultsBefore: number;
  nonDefaults: number;
}

const MAX_CANDIDATES = 2000;
const PROJECTED_DIMENSIONS = 32;
const NOISE_SHARE = 0.1;

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() || 1e-300)) * Math.cos(2 * Math.PI * random());
}

/** Standardised numeric inputs of the given rows (rows x d, row-major), projected when d is large. */
function featureSpace(pipeline: PipelineState, table: Table, rows: Int32Array, random: () => number): { points: Float64Array; d: number } {
  const inputs = pipeline.numeric.filter((input) => input.derivation.kind === 'column');
  const raw = inputs.map((input) => table.columns.find((c) => c.name === (input.derivation as { column: string }).column)!.numbers);
  const d = inputs.length;
  const m = rows.length;
  if (d <= PROJECTED_DIMENSIONS) {
    const points = new Float64Array(m * d);
    for (let i = 0; i < m; i++) for (let j = 0; j < d; j++) points[i * d + j] = applyScaling(inputs[j]!.scaling, raw[j]![rows[i]!]!);
    return { points, d };
  }
  // Random projection (Johnson-Lindenstrauss): distances are kept approximately, at a fraction of the cost.
  const q = PROJECTED_DIMENSIONS;
  const projection = Float64Array.from({ length: d * q }, () => gaussian(random) / Math.sqrt(q));
  const points = new Float64Array(m * q);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < d; j++) {
      const x = applyScaling(inputs[j]!.scaling, raw[j]![rows[i]!]!);
      if (x === 0) continue;
      for (let k = 0; k < q; k++) points[i * q + k]! += x * projection[j * q + k]!;
    }
  }
  return { points, d: q };
}

/** For each point, its k nearest among a random sample of the others. */
function nearestNeighbours(points: Float64Array, d: number, m: number, k: number, random: () => number): Int32Array {
  const out = new Int32Array(m * k);
  const candidates = Math.min(m - 1, MAX_CANDIDATES);
  const bestDist = new Float64Array(k);
  const bestIndex = new Int32Array(k);
  for (let i = 0; i < m; i++) {
    bestDist.fill(Number.POSITIVE_INFINITY);
    bestIndex.fill(-1);
    for (let c = 0; c < candidates; c++) {
      const other = candidates === m - 1 ? (c >= i ? c + 1 : c) : (i + 1 + Math.floor(random() * (m - 1))) % m;
      let dist = 0;
      for (let j = 0; j < d; j++) {
        const diff = points[i * d + j]! - points[other * d + j]!;
        dist += diff * diff;
      }
      if (dist >= bestDist[k - 1]!) continue;
      let slot = k - 1;
      while (slot > 0 && bestDist[slot - 1]! > dist) {
        bestDist[slot] = bestDist[slot - 1]!;
        bestIndex[slot] = bestIndex[slot - 1]!;
        slot--;
      }
      bestDist[slot] = dist;
      bestIndex[slot] = other;
    }
    for (let s = 0; s < k; s++) out[i * k + s] = bestIndex[s]! >= 0 ? bestIndex[s]! : bestIndex[0]!;
  }
  return out;
}

function trainingStd(values: Float64Array, rows: Int32Array): number {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const row of rows) {
    const v = values[row]!;
    if (Number.isNaN(v)) continue;
    n++;
    const delta = v - mean;
    mean += delta / n;
    m2 += delta * (v - mean);
  }
  return n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
}

/** Copies a column with room for `extra` rows, which `fill` then writes. */
function extendColumn(column: RawColumn, rows: number, extra: number): RawColumn {
  const numbers = new Float64Array(rows + extra);
  numbers.set(column.numbers.subarray(0, rows));
  let textCodes: Int32Array | null = null;
  if (column.textCodes) {
    textCodes = new Int32Array(rows + extra).fill(-1);
    textCodes.set(column.textCodes.subarray(0, rows));
  }
  return { name: column.name, numbers, textCodes, texts: column.texts, missingCount: column.missingCount };
}

export function augmentTraining(
  table: Table,
  columns: ColumnProfile[],
  pipeline: PipelineState,
  trainRows: Int32Array,
  labels: Uint8Array,
  target: { column: string; defaultValue: string },
  options: AugmentOptions,
): Augmented {
  const random = seededRandom(options.seed ?? 20241130);
  const ratio = options.ratio ?? 1;
  if (!(ratio > 0 && ratio <= 1)) throw new Error(`the augmentation ratio must be in (0, 1], got ${ratio}`);
  const defaults = Int32Array.from([...trainRows].filter((row) => labels[row] === 1));
  const nonDefaults = trainRows.length - defaults.length;
  const synthetic = Math.max(0, Math.round(ratio * nonDefaults) - defaults.length);
  const n = table.rowCount;
  const extended = table.columns.map((column) => extendColumn(column, n, synthetic));
  const profiles = new Map(columns.map((c) => [c.name, c]));
  const continuous = table.columns.map((column) => {
    const profile = profiles.get(column.name);
    return profile?.kind === 'numeric' && !profile.codeLike;
  });
  // Synthetic rows have no identity: their ids are left empty.
  const identifier = table.columns.map((column) => profiles.get(column.name)?.kind === 'identifier');
  const targetColumn = table.columns.findIndex((c) => c.name === target.column);
  const defaultNumber = Number(target.defaultValue);
  const targetText = Number.isFinite(defaultNumber) ? null : table.columns[targetColumn]!.texts.indexOf(target.defaultValue);

  const k = Math.min(options.neighbours ?? 5, Math.max(defaults.length - 1, 1));
  let neighbours: Int32Array | null = null;
  if (options.method === 'smote' && defaults.length > 1) {
    const space = featureSpace(pipeline, table, defaults, random);
    neighbours = nearestNeighbours(space.points, space.d, defaults.length, k, random);
  }
  const spread = options.method === 'noise' ? table.columns.map((c, j) => (continuous[j] ? trainingStd(c.numbers, trainRows) : 0)) : [];

  for (let s = 0; s < synthetic; s++) {
    const row = n + s;
    // Every default is used in turn, so each contributes about equally.
    const a = s % defaults.length;
    const parentA = defaults[a]!;
    const parentB = neighbours ? defaults[neighbours[a * k + Math.floor(random() * k)]!]! : parentA;
    const gap = random();
    extended.forEach((column, j) => {
      const source = table.columns[j]!;
      if (j === targetColumn) {
        if (targetText !== null && targetText >= 0) {
          column.numbers[row] = Number.NaN;
          column.textCodes![row] = targetText;
        } else column.numbers[row] = defaultNumber;
        return;
      }
      if (identifier[j]) {
        column.numbers[row] = Number.NaN;
        column.missingCount++;
        return;
      }
      const va = source.numbers[parentA]!;
      const vb = source.numbers[parentB]!;
      if (continuous[j] && !Number.isNaN(va)) {
        if (options.method === 'noise') column.numbers[row] = va + NOISE_SHARE * spread[j]! * gaussian(random);
        else column.numbers[row] = Number.isNaN(vb) ? va : va + gap * (vb - va);
        return;
      }
      // Categorical, code-like, missing or not a feature: one parent's cell as it is.
      const parent = options.method === 'smote' && gap >= 0.5 ? parentB : parentA;
      column.numbers[row] = source.numbers[parent]!;
      if (column.textCodes) column.textCodes[row] = source.textCodes![parent]!;
      if (Number.isNaN(column.numbers[row]) && (!column.textCodes || column.textCodes[row]! < 0)) column.missingCount++;
    });
  }
  const allRows = new Int32Array(trainRows.length + synthetic);
  allRows.set(trainRows);
  for (let s = 0; s < synthetic; s++) allRows[trainRows.length + s] = n + s;
  const trainLabels = new Uint8Array(new SharedArrayBuffer(Math.max(1, allRows.length)), 0, allRows.length);
  for (let i = 0; i < allRows.length; i++) trainLabels[i] = i < trainRows.length ? labels[trainRows[i]!]! : 1;
  return {
    table: { rowCount: n + synthetic, columns: extended },
    trainRows: allRows,
    trainLabels,
    synthetic,
    defaultsBefore: defaults.length,
    nonDefaults,
  };
}
