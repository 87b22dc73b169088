// The deep model without TensorFlow.js: scoring, explanations and model (de)serialisation.
// Import this (not index.ts) from the API and workers; lean.test.ts keeps tfjs out of its graph.
export type * from './types.ts';
export { batchScorerFor, compileDeepScorer, deepLogits, deepLogitRow, type DeepScorer } from './scorer.ts';
export { DeepBatchScorer, type DeepBatchExplanation, type DeepBatchOptions } from './wasm/deep-batch.ts';
export {
  createDeepExplainer,
  explainDeep,
  type DeepExplainOptions,
  type DeepExplainer,
  type DeepExplanation,
} from './integrated-gradients.ts';
export { serializeDeep, deserializeDeep, validateDeepState, DEEP_FORMAT, DEEP_VERSION } from './serialize.ts';
export { encodeFloat32, decodeFloat32 } from './base64.ts';
export { embeddingSize, schemaOf } from './architecture.ts';
