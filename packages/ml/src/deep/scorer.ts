// Lean deep scorer: logits from a model state with typed arrays only (no tfjs in the import graph),
// so the API and workers can score without loading TensorFlow.js.
import { assertMatchesSchema, validateDeepDataset } from './dataset-check.ts';
import { LeanDeepNetwork } from './lean-network.ts';
import type { DeepDataset, DeepModelState, DeepRow } from './types.ts';

export interface DeepScorer {
  readonly network: LeanDeepNetwork;
  /** One logit per row of the dataset. */
  logits(ds: DeepDataset): Float64Array;
  /** The logit of a single row. */
  logitRow(row: DeepRow): number;
}

/** Decodes the weights once; reuse the scorer for many calls. */
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

const compiled = new WeakMap<DeepModelState, DeepScorer>();

function scorerFor(state: DeepModelState): DeepScorer {
  let scorer = compiled.get(state);
  if (!scorer) {
    scorer = compileDeepScorer(state);
    compiled.set(state, scorer);
  }
  return scorer;
}

/** Batch entry point: logits (log-odds of default) for every row. */
export function deepLogits(state: DeepModelState, ds: DeepDataset): Float64Array {
  return scorerFor(state).logits(ds);
}

/** Single-row entry point. */
export function deepLogitRow(state: DeepModelState, row: DeepRow): number {
  return scorerFor(state).logitRow(row);
}
