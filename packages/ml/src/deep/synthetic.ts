// Synthetic deep-model data with a known signal, for tests and the epoch benchmark.
import { createRandom } from './random.ts';
import type { DeepDataset } from './types.ts';

export interface SyntheticSpec {
  n: number;
  denseDim: number;
  cardinalities?: number[];
  sequences?: { steps: number; channels: number }[];
  seed?: number;
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Rows whose default odds depend on a few dense columns, each categorical level and the
 * recent steps of each sequence, so a model has something real to learn.
 */
export function syntheticDeepDataset(spec: SyntheticSpec): DeepDataset {
  const random = createRandom(spec.seed ?? 7);
  const { n, denseDim } = spec;
  const cards = spec.cardinalities ?? [];
  const seqs = spec.sequences ?? [];
  const dense = new Float32Array(n * denseDim);
  for (let i = 0; i < dense.length; i++) dense[i] = gaussian(random);
  const levelEffects = cards.map((card) => Array.from({ length: card }, () => gaussian(random) * 0.7));
  const categorical = cards.map((card, i) => {
    const codes = new Int32Array(n);
    // Skewed level frequencies, like real categorical columns.
    for (let r = 0; r < n; r++) codes[r] = Math.min(card - 1, Math.floor(card * random() * random()));
    return { feature: `cat${i}`, cardinality: card, codes };
  });
  const sequences = seqs.map((s, g) => {
    const values = new Float32Array(n * s.steps * s.channels);
    for (let i = 0; i < values.length; i++) values[i] = gaussian(random);
    const features = Array.from({ length: s.steps }, (_, t) => Array.from({ length: s.channels }, (_, c) => `seq${g}_ch${c}_t${t}`));
    return { name: `seq${g}`, steps: s.steps, channels: s.channels, values, features };
  });
  const labels = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    let z = -1.2;
    for (let j = 0; j < Math.min(denseDim, 4); j++) z += (j % 2 === 0 ? 0.8 : -0.5) * dense[r * denseDim + j]!;
    if (denseDim >= 2) z += 0.4 * dense[r * denseDim]! * dense[r * denseDim + 1]!;
    categorical.forEach((c, i) => (z += levelEffects[i]![c.codes[r]!]!));
    sequences.forEach((s) => {
      const cells = s.steps * s.channels;
      z += 0.6 * s.values[r * cells]! + 0.3 * Math.tanh(2 * s.values[r * cells + s.channels]!);
    });
    labels[r] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return {
    n,
    dense,
    denseDim,
    denseFeatures: Array.from({ length: denseDim }, (_, j) => `x${j}`),
    categorical,
    sequences,
    labels,
  };
}

/** Rows [begin, end) of a dataset (copies), e.g. to cut train and validation parts. */
export function sliceDeepDataset(ds: DeepDataset, begin: number, end: number): DeepDataset {
  const n = end - begin;
  return {
    n,
    dense: ds.dense.slice(begin * ds.denseDim, end * ds.denseDim),
    denseDim: ds.denseDim,
    denseFeatures: ds.denseFeatures,
    categorical: ds.categorical.map((c) => ({ ...c, codes: c.codes.slice(begin, end) })),
    sequences: ds.sequences.map((s) => {
      const cells = s.steps * s.channels;
      return { ...s, values: s.values.slice(begin * cells, end * cells) };
    }),
    ...(ds.labels ? { labels: ds.labels.slice(begin, end) } : {}),
    ...(ds.weights ? { weights: ds.weights.slice(begin, end) } : {}),
  };
}
