// DeepModelState <-> JSON text, with validation that names the first problem in a malformed document.
import { checkArchitecture, parameterSpecs, sizeOf } from './architecture.ts';
import { decodeFloat32 } from './base64.ts';
import { checkInputTransform } from './input-transform.ts';
import type { DeepInputTransform, DeepModelState, DeepSchema } from './types.ts';

export const DEEP_FORMAT = 'probity-deep';
export const DEEP_VERSION = 1;

export function serializeDeep(state: DeepModelState): string {
  validateDeepState(state);
  return JSON.stringify(state);
}

/** Parses and validates a model document (text or an already-parsed object). */
export function deserializeDeep(doc: unknown): DeepModelState {
  let value: unknown = doc;
  if (typeof doc === 'string') {
    try {
      value = JSON.parse(doc);
    } catch (e) {
      throw new Error(`deep model: not valid JSON (${(e as Error).message})`);
    }
  }
  validateDeepState(value);
  return value;
}

function fail(message: string): never {
  throw new Error(`deep model: ${message}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function validateSchema(schema: unknown): asserts schema is DeepSchema {
  if (!isObject(schema)) fail('schema is missing');
  const { denseFeatures, categorical, sequences } = schema;
  if (!Array.isArray(denseFeatures) || !denseFeatures.every((f) => typeof f === 'string')) {
    fail('schema.denseFeatures must be a list of names');
  }
  if (!Array.isArray(categorical)) fail('schema.categorical must be a list');
  categorical.forEach((c: unknown, i) => {
    if (!isObject(c) || typeof c.feature !== 'string' || !isCount(c.cardinality) || c.cardinality < 1) {
      fail(`schema.categorical[${i}] needs a feature name and a positive cardinality`);
    }
    if (!Array.isArray(c.counts) || c.counts.length !== c.cardinality || !c.counts.every(isCount)) {
      fail(`schema.categorical[${i}] (${c.feature}).counts must hold ${c.cardinality} non-negative integers`);
    }
  });
  if (!Array.isArray(sequences)) fail('schema.sequences must be a list');
  sequences.forEach((s: unknown, g) => {
    if (!isObject(s) || typeof s.name !== 'string' || !isCount(s.steps) || !isCount(s.channels) || s.steps === 0 || s.channels === 0) {
      fail(`schema.sequences[${g}] needs a name and positive steps and channels`);
    }
    const features = s.features;
    if (
      !Array.isArray(features) ||
      features.length !== s.steps ||
      !features.every((row) => Array.isArray(row) && row.length === s.channels && row.every((f) => typeof f === 'string'))
    ) {
      fail(`schema.sequences[${g}] (${s.name}).features must be a [${s.steps}][${s.channels}] table of names`);
    }
  });
}

/** Throws a clear error on the first malformed field; on success the value is a DeepModelState. */
export function validateDeepState(value: unknown): asserts value is DeepModelState {
  if (!isObject(value)) fail('the document is not a JSON object');
  if (value.format !== DEEP_FORMAT) fail(`format is '${String(value.format)}', expected '${DEEP_FORMAT}'`);
  if (value.version !== DEEP_VERSION) fail(`version ${String(value.version)} is not supported (this build reads version ${DEEP_VERSION})`);
  if (!isObject(value.architecture)) fail('architecture is missing');
  try {
    checkArchitecture(value.architecture as unknown as DeepModelState['architecture']);
  } catch (e) {
    fail((e as Error).message);
  }
  validateSchema(value.schema);
  const arch = value.architecture as unknown as DeepModelState['architecture'];
  if (arch.embeddingDims.length !== value.schema.categorical.length) {
    fail(`architecture.embeddingDims has ${arch.embeddingDims.length} entries for ${value.schema.categorical.length} categorical features`);
  }
  const transform = value.inputTransform;
  if (transform !== undefined) {
    const lists = (v: unknown) =>
      Array.isArray(v) && v.every((l) => Array.isArray(l) && l.every((x) => typeof x === 'number' && Number.isFinite(x)));
    if (!isObject(transform) || !lists(transform.knots) || !lists(transform.scores)) {
      fail('inputTransform must hold knots and scores, lists of finite numbers per dense column');
    }
    try {
      checkInputTransform(transform as unknown as DeepInputTransform, value.schema.denseFeatures.length);
    } catch (e) {
      fail((e as Error).message);
    }
  }
  if (!isObject(value.weights)) fail('weights are missing');
  for (const spec of parameterSpecs(arch, value.schema)) {
    const t = value.weights[spec.name];
    if (!isObject(t)) fail(`weight '${spec.name}' is missing`);
    if (!Array.isArray(t.shape) || t.shape.length !== spec.shape.length || t.shape.some((d, i) => d !== spec.shape[i])) {
      fail(`weight '${spec.name}' has shape ${JSON.stringify(t.shape)}, expected ${JSON.stringify(spec.shape)}`);
    }
    let values: Float32Array;
    try {
      values = decodeFloat32(t.data as string);
    } catch (e) {
      fail(`weight '${spec.name}': ${(e as Error).message}`);
    }
    if (values.length !== sizeOf(spec.shape)) {
      fail(`weight '${spec.name}' holds ${values.length} values, expected ${sizeOf(spec.shape)}`);
    }
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) fail(`weight '${spec.name}' value ${bad} is not finite`);
  }
  const training = value.training;
  if (!isObject(training)) fail('training is missing');
  if (typeof training.seed !== 'number' || typeof training.backend !== 'string') {
    fail('training.seed and training.backend are required');
  }
  if (!Array.isArray(training.history)) fail('training.history must be a list');
}
