// The deep model: training with TensorFlow.js plus everything in lean.ts.
//
// Determinism: initial weights, shuffles and dropout masks come from the seed alone (JavaScript
// PRNG, identical on every backend), so a seed gives bit-identical weights on the cpu and wasm
// backends run to run (tested). Across backends results differ in the last float32 bits (wasm's
// XNNPACK kernels sum in another order than the cpu backend's float64 loops), and webgpu /
// tensorflow (native) are expected, not verified, to be run-to-run deterministic too.
export * from './lean.ts';
export { trainDeep } from './train.ts';
export { tfDeepLogits } from './tf-predict.ts';
export { syntheticDeepDataset, sliceDeepDataset, type SyntheticSpec } from './synthetic.ts';
