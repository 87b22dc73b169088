// Clear errors for malformed deep-model input: each names the dataset, field, row and column.
import type { DeepDataset, DeepRow, DeepSchema } from './types.ts';

function fail(what: string, message: string): never {
  throw new Error(`${what}: ${message}`);
}

/** Checks shapes, finiteness, code ranges, labels and weights. `what` names the dataset in errors. */
export function validateDeepDataset(ds: DeepDataset, what: string, needLabels = false): void {
  if (!Number.isInteger(ds.n) || ds.n < 1) fail(what, `n must be a positive integer, got ${ds.n}`);
  if (!Number.isInteger(ds.denseDim) || ds.denseDim < 0) fail(what, `denseDim must be a non-negative integer`);
  if (ds.denseFeatures.length !== ds.denseDim) {
    fail(what, `denseFeatures has ${ds.denseFeatures.length} names but denseDim is ${ds.denseDim}`);
  }
  if (ds.dense.length !== ds.n * ds.denseDim) {
    fail(what, `dense has ${ds.dense.length} values, expected n x denseDim = ${ds.n * ds.denseDim}`);
  }
  for (let i = 0; i < ds.dense.length; i++) {
    if (!Number.isFinite(ds.dense[i]!)) {
      const row = Math.floor(i / ds.denseDim);
      const col = i % ds.denseDim;
      fail(what, `dense value at row ${row}, column ${col} (${ds.denseFeatures[col]}) is not finite: ${ds.dense[i]}`);
    }
  }
  for (const c of ds.categorical) {
    if (!Number.isInteger(c.cardinality) || c.cardinality < 1) {
      fail(what, `categorical '${c.feature}': cardinality must be a positive integer`);
    }
    if (c.codes.length !== ds.n) fail(what, `categorical '${c.feature}' has ${c.codes.length} codes for ${ds.n} rows`);
    for (let i = 0; i < ds.n; i++) {
      const code = c.codes[i]!;
      if (!(code >= 0 && code < c.cardinality)) {
        fail(what, `categorical '${c.feature}' at row ${i}: code ${code} is outside [0, ${c.cardinality})`);
      }
    }
  }
  for (const s of ds.sequences) {
    if (!Number.isInteger(s.steps) || s.steps < 1 || !Number.isInteger(s.channels) || s.channels < 1) {
      fail(what, `sequence '${s.name}': steps and channels must be positive integers`);
    }
    const cells = s.steps * s.channels;
    if (s.values.length !== ds.n * cells) {
      fail(what, `sequence '${s.name}' has ${s.values.length} values, expected n x steps x channels = ${ds.n * cells}`);
    }
    if (s.features.length !== s.steps || s.features.some((row) => row.length !== s.channels)) {
      fail(what, `sequence '${s.name}': features must be a [${s.steps}][${s.channels}] table of column names`);
    }
    for (let i = 0; i < s.values.length; i++) {
      if (!Number.isFinite(s.values[i]!)) {
        const row = Math.floor(i / cells);
        const step = Math.floor((i % cells) / s.channels);
        const ch = i % s.channels;
        fail(what, `sequence '${s.name}' at row ${row}, step ${step}, channel ${ch} (${s.features[step]?.[ch]}) is not finite`);
      }
    }
  }
  if (ds.labels) {
    if (ds.labels.length !== ds.n) fail(what, `labels has ${ds.labels.length} values for ${ds.n} rows`);
    for (let i = 0; i < ds.n; i++) {
      if (ds.labels[i] !== 0 && ds.labels[i] !== 1) fail(what, `label at row ${i} is ${ds.labels[i]}, expected 0 or 1`);
    }
  } else if (needLabels) {
    fail(what, 'labels are required');
  }
  if (ds.weights) {
    if (ds.weights.length !== ds.n) fail(what, `weights has ${ds.weights.length} values for ${ds.n} rows`);
    for (let i = 0; i < ds.n; i++) {
      const w = ds.weights[i]!;
      if (!(Number.isFinite(w) && w >= 0)) fail(what, `weight at row ${i} is ${w}, expected a finite value >= 0`);
    }
  }
}

/** Checks that data has the features, cardinalities and sequence shapes the model was trained on. */
export function assertMatchesSchema(ds: DeepDataset, schema: DeepSchema, what: string): void {
  if (ds.denseDim !== schema.denseFeatures.length) {
    fail(what, `has ${ds.denseDim} dense columns, the model expects ${schema.denseFeatures.length}`);
  }
  schema.denseFeatures.forEach((name, j) => {
    if (ds.denseFeatures[j] !== name) fail(what, `dense column ${j} is '${ds.denseFeatures[j]}', the model expects '${name}'`);
  });
  if (ds.categorical.length !== schema.categorical.length) {
    fail(what, `has ${ds.categorical.length} categorical features, the model expects ${schema.categorical.length}`);
  }
  schema.categorical.forEach((c, i) => {
    const got = ds.categorical[i]!;
    if (got.feature !== c.feature || got.cardinality !== c.cardinality) {
      fail(
        what,
        `categorical ${i} is '${got.feature}' (${got.cardinality} levels), the model expects '${c.feature}' (${c.cardinality} levels)`,
      );
    }
  });
  if (ds.sequences.length !== schema.sequences.length) {
    fail(what, `has ${ds.sequences.length} sequence groups, the model expects ${schema.sequences.length}`);
  }
  schema.sequences.forEach((s, g) => {
    const got = ds.sequences[g]!;
    if (got.name !== s.name || got.steps !== s.steps || got.channels !== s.channels) {
      fail(what, `sequence ${g} is '${got.name}' ${got.steps}x${got.channels}, the model expects '${s.name}' ${s.steps}x${s.channels}`);
    }
  });
}

/** Checks one row for single-row scoring: shapes, finite values and codes, each error naming the field. */
export function assertDeepRow(row: DeepRow, schema: DeepSchema): void {
  const d = schema.denseFeatures.length;
  if (row.dense.length !== d) throw new Error(`row.dense has ${row.dense.length} values, the model expects ${d}`);
  for (let j = 0; j < d; j++) {
    const v = row.dense[j]!;
    if (!Number.isFinite(v)) throw new Error(`row.dense[${j}] (${schema.denseFeatures[j]}) is not finite: ${v}`);
  }
  if (row.categorical.length !== schema.categorical.length) {
    throw new Error(`row.categorical has ${row.categorical.length} codes, the model expects ${schema.categorical.length}`);
  }
  schema.categorical.forEach((c, i) => {
    const code = row.categorical[i]!;
    if (!(Number.isInteger(code) && code >= 0 && code < c.cardinality)) {
      throw new Error(`row.categorical[${i}] (${c.feature}): code ${code} is outside [0, ${c.cardinality})`);
    }
  });
  if (row.sequences.length !== schema.sequences.length) {
    throw new Error(`row.sequences has ${row.sequences.length} groups, the model expects ${schema.sequences.length}`);
  }
  schema.sequences.forEach((s, g) => {
    const values = row.sequences[g]!;
    const cells = s.steps * s.channels;
    if (values.length !== cells) throw new Error(`row.sequences[${g}] (${s.name}) has ${values.length} values, expected ${cells}`);
    for (let k = 0; k < cells; k++) {
      if (!Number.isFinite(values[k]!)) throw new Error(`row.sequences[${g}] (${s.name}) cell ${k} is not finite: ${values[k]}`);
    }
  });
}

/** A one-row dataset from a checked row. */
export function datasetOfRow(row: DeepRow, schema: DeepSchema): DeepDataset {
  assertDeepRow(row, schema);
  return {
    n: 1,
    dense: Float32Array.from(row.dense),
    denseDim: schema.denseFeatures.length,
    denseFeatures: schema.denseFeatures,
    categorical: schema.categorical.map((c, i) => ({
      feature: c.feature,
      cardinality: c.cardinality,
      codes: Int32Array.of(row.categorical[i]!),
    })),
    sequences: schema.sequences.map((s, g) => ({
      name: s.name,
      steps: s.steps,
      channels: s.channels,
      features: s.features,
      values: Float32Array.from(row.sequences[g]!),
    })),
  };
}
