/**
 * The deep model's input (the DeepDataset contract of ../deep/types.ts): standardised numeric inputs
 * with missing indicators, categorical codes (0 = missing, 1 = rare or unseen, then the kept levels)
 * and one sequence per set of equal-length repeated groups, a channel per group.
 */
import type { DeepDataset } from '../deep/types.ts';
import { requireColumn, type Table } from '../data/table.ts';
import { cardinality, encodeLevels } from './categorical-levels.ts';
import { deriveInput, type GroupFiguresCache } from './derived-inputs.ts';
import { selectionSize, type RowSelection } from './row-selection.ts';
import { applyScaling } from './scaling.ts';
import type { PipelineState } from './types.ts';

/** The explanation unit of each dense column, in order (numeric inputs, each followed by its missing indicator). */
export function deepDenseFeatures(state: PipelineState): string[] {
  const features: string[] = [];
  for (const input of state.numeric) {
    features.push(input.unit);
    if (input.scaling.hasMissing) features.push(input.unit);
  }
  return features;
}

export interface DeepBuildOptions {
  rows?: RowSelection;
  /** Labels and weights of the selected rows. */
  labels?: Uint8Array;
  weights?: Float32Array;
}

export function buildDeepDataset(state: PipelineState, table: Table, options: DeepBuildOptions = {}): DeepDataset {
  const { rows, labels, weights } = options;
  const n = selectionSize(table, rows);
  const at = (i: number) => (rows ? rows[i]! : i);
  const denseFeatures = deepDenseFeatures(state);
  const denseDim = denseFeatures.length;
  const dense = new Float32Array(n * denseDim);
  let j = 0;
  const groups: GroupFiguresCache = new Map();
  for (const input of state.numeric) {
    const values = deriveInput(input.derivation, table, groups);
    for (let i = 0; i < n; i++) dense[i * denseDim + j] = applyScaling(input.scaling, values[at(i)]!);
    j++;
    if (input.scaling.hasMissing) {
      for (let i = 0; i < n; i++) dense[i * denseDim + j] = Number.isNaN(values[at(i)]!) ? 1 : 0;
      j++;
    }
  }
  const categorical = state.categorical.map((input) => {
    const all = encodeLevels(input, requireColumn(table, input.column), table.rowCount);
    const codes = rows ? Int32Array.from(rows, (r) => all[r]!) : all;
    return { feature: input.unit, cardinality: cardinality(input), codes };
  });
  const sequences = state.sequences.map((sequence) => {
    const channels = sequence.channels.length;
    const values = new Float32Array(n * sequence.steps * channels);
    sequence.channels.forEach((channel, c) => {
      channel.columns.forEach((name, step) => {
        const numbers = requireColumn(table, name).numbers;
        for (let i = 0; i < n; i++) values[(i * sequence.steps + step) * channels + c] = applyScaling(channel.scaling, numbers[at(i)]!);
      });
    });
    const features = Array.from({ length: sequence.steps }, (_, step) => sequence.channels.map((channel) => channel.columns[step] ?? ''));
    return { name: sequence.name, steps: sequence.steps, channels, values, features };
  });
  const dataset: DeepDataset = { n, dense, denseDim, denseFeatures, categorical, sequences };
  if (labels) dataset.labels = labels;
  if (weights) dataset.weights = weights;
  return dataset;
}
