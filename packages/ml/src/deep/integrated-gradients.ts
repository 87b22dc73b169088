// Integrated Gradients for the deep model, on the lean network and its hand-written backward pass.
//
// Path: the straight line from a baseline x' to the row's input x in the space of
// [dense columns | embedding vectors | sequence cells] (embeddings are interpolated, never codes).
// Baseline: the training mean of that representation: dense = 0 and sequences = 0 (the
// standardised training mean) and, for each categorical feature, the training-frequency-weighted
// mean of its embedding vectors. Quadrature: Gauss-Legendre on [0, 1], the number of nodes doubled
// until |sum(attributions) - (logit - baselineLogit)| <= tolerance.
import { baselineInput, featureMap } from './attribution-space.ts';
import { gaussLegendreUnit } from './gauss-legendre.ts';
import { LeanDeepNetwork } from './lean-network.ts';
import { assertMatchesSchema, validateDeepDataset } from './dataset-check.ts';
import type { DeepDataset, DeepModelState, DeepRow } from './types.ts';

export interface DeepExplainOptions {
  /** Completeness gap to reach. Default 1e-4. */
  tolerance?: number;
  /** First number of quadrature nodes. Default 16. */
  minSteps?: number;
  /** Largest number of nodes tried; the gap is reported if it is still above tolerance. Default 1024. */
  maxSteps?: number;
}

export interface DeepExplanation {
  logit: number;
  baselineLogit: number;
  /** Per ORIGINAL feature, in `DeepExplainer.features` order; they sum to logit - baselineLogit. */
  attributions: Record<string, number>;
  /** |sum(attributions) - (logit - baselineLogit)|. */
  gap: number;
  /** Quadrature nodes used. */
  steps: number;
}

export interface DeepExplainer {
  /** Original feature names, each once, in input order. */
  readonly features: string[];
  readonly baselineLogit: number;
  /** The baseline input vector x'. */
  readonly baseline: Float64Array;
  explainRow(row: DeepRow): DeepExplanation;
  /** Explains the given rows (default: all) of a dataset. */
  explainDataset(ds: DeepDataset, rows?: ArrayLike<number>): DeepExplanation[];
}

export function createDeepExplainer(state: DeepModelState, options: DeepExplainOptions = {}): DeepExplainer {
  const tolerance = options.tolerance ?? 1e-4;
  const minSteps = options.minSteps ?? 16;
  const maxSteps = options.maxSteps ?? 1024;
  if (!(tolerance > 0) || !(minSteps >= 1) || !(maxSteps >= minSteps)) {
    throw new Error('deep explainer: need tolerance > 0 and 1 <= minSteps <= maxSteps');
  }
  const net = new LeanDeepNetwork(state);
  const { features, featureOf } = featureMap(net.schema, net.arch, net.layout);
  const width = net.layout.width;
  const ws = net.createWorkspace();
  const baseline = baselineInput(net.schema, net.arch, net.layout, net.embeddingTables);
  const baselineLogit = net.forward(baseline, ws);
  const point = new Float64Array(width);
  const grad = new Float64Array(width);
  const pathGrad = new Float64Array(width);
  const delta = new Float64Array(width);
  const x = new Float64Array(width);

  function explainInput(): DeepExplanation {
    const logit = net.forward(x, ws);
    const target = logit - baselineLogit;
    for (let k = 0; k < width; k++) delta[k] = x[k]! - baseline[k]!;
    let steps = minSteps;
    let perFeature = new Float64Array(features.length);
    let gap = Infinity;
    for (;;) {
      const q = gaussLegendreUnit(steps);
      pathGrad.fill(0);
      for (let i = 0; i < steps; i++) {
        const alpha = q.nodes[i]!;
        for (let k = 0; k < width; k++) point[k] = baseline[k]! + alpha * delta[k]!;
        net.forward(point, ws);
        net.backward(ws, grad);
        const w = q.weights[i]!;
        for (let k = 0; k < width; k++) pathGrad[k]! += w * grad[k]!;
      }
      perFeature = new Float64Array(features.length);
      let total = 0;
      for (let k = 0; k < width; k++) {
        const a = delta[k]! * pathGrad[k]!;
        perFeature[featureOf[k]!]! += a;
        total += a;
      }
      gap = Math.abs(total - target);
      if (gap <= tolerance || steps * 2 > maxSteps) break;
      steps *= 2;
    }
    const attributions: Record<string, number> = {};
    features.forEach((name, i) => (attributions[name] = perFeature[i]!));
    return { logit, baselineLogit, attributions, gap, steps };
  }

  return {
    features,
    baselineLogit,
    baseline,
    explainRow(row) {
      net.fillFromRow(x, row);
      return explainInput();
    },
    explainDataset(ds, rows) {
      validateDeepDataset(ds, 'explained data');
      assertMatchesSchema(ds, net.schema, 'explained data');
      const which = rows ?? Array.from({ length: ds.n }, (_, i) => i);
      const out: DeepExplanation[] = [];
      for (let i = 0; i < which.length; i++) {
        const r = which[i]!;
        if (!(Number.isInteger(r) && r >= 0 && r < ds.n)) throw new Error(`explained data: row ${r} is outside [0, ${ds.n})`);
        net.fillFromDataset(x, ds, r);
        out.push(explainInput());
      }
      return out;
    },
  };
}

/** Batch convenience: explanations for the given rows (default: all) of a dataset. */
export function explainDeep(
  state: DeepModelState,
  ds: DeepDataset,
  rows?: ArrayLike<number>,
  options?: DeepExplainOptions,
): DeepExplanation[] {
  return createDeepExplainer(state, options).explainDataset(ds, rows);
}
