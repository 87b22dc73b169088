// The tfjs forward pass of a saved model: the reference the lean scorer is tested against.
import { assertMatchesSchema, validateDeepDataset } from './dataset-check.ts';
import { applyInputTransform } from './input-transform.ts';
import { hostInputs } from './tf-inputs.ts';
import { disposeParameters, parametersFromState, predictLogits } from './tf-network.ts';
import type { DeepDataset, DeepModelState } from './types.ts';

/** Logits from tfjs on the active backend, in large batches (65,536 rows by default). */
export async function tfDeepLogits(state: DeepModelState, ds: DeepDataset, batchSize = 65536): Promise<Float32Array> {
  validateDeepDataset(ds, 'scoring data');
  assertMatchesSchema(ds, state.schema, 'scoring data');
  const params = parametersFromState(state);
  try {
    return await predictLogits(
      state.architecture,
      state.schema,
      params,
      hostInputs(applyInputTransform(state.inputTransform, ds), state.architecture, false),
      batchSize,
    );
  } finally {
    disposeParameters(params);
  }
}
