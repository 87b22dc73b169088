// Deep scoring without TensorFlow.js. `deepLogits` and `deepLogitRow` run the batched SIMD float32
// kernels (wasm/deep-batch.ts); `compileDeepScorer` is the float64 row-at-a-time reference they are
// tested against (lean-network.ts).
import { assertMatchesSchema, datasetOfRow, validateDeepDataset } from './dataset-check.ts';
import { LeanDeepNetwork } from './lean-network.ts';
import type { DeepDataset, DeepModelState, DeepRow } from './types.ts';
import { DeepBatchScorer } from './wasm/deep-batch.ts';

export interface DeepScorer {
  readonly network: LeanDeepNetwork;
  /** One logit per row of the dataset. */
  logits(ds: DeepDataset): Float64Array;
  /** The logit of a single row. */
  logitRow(row: DeepRow): number;
}

/** The float64 reference scorer (decodes the weights once; reuse it for many calls). */
export function compileDeepScorer(state: DeepModelState): DeepScorer {
  const network = new LeanDeepNetwork(state);
  const x = new Float64Array(network.layout.width);
  const ws = network.createWorkspace();
  return {
    network,
    logits(ds) {
      validateDeepDataset(ds, 'scoring data');
      assertMatchesSchema(ds, network.schema, 'scoring data');
      const out = new Float64Array(ds.n);
      for (let r = 0; r < ds.n; r++) {
        network.fillFromDataset(x, ds, r);
        out[r] = network.forward(x, ws);
      }
      return out;
    },
    logitRow(row) {
      network.fillFromRow(x, row);
      return network.forward(x, ws);
    },
  };
}

const batchScorers = new WeakMap<DeepModelState, DeepBatchScorer>();

/** The batched scorer of a model state, made once per state. */
export function batchScorerFor(state: DeepModelState): DeepBatchScorer {
  let scorer = batchScorers.get(state);
  if (!scorer) {
    scorer = new DeepBatchScorer(state);
    batchScorers.set(state, scorer);
  }
  return scorer;
}

/** Batch entry point: logits (log-odds of default) for every row. */
export function deepLogits(state: DeepModelState, ds: DeepDataset): Float64Array {
  return batchScorerFor(state).logits(ds);
}

/** Single-row entry point: the same kernels as a batch, so a row scores the same alone or in one. */
export function deepLogitRow(state: DeepModelState, row: DeepRow): number {
  return batchScorerFor(state).logits(datasetOfRow(row, state.schema))[0]!;
}
