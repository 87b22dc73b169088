// The space Integrated Gradients works in, shared by the float64 reference (integrated-gradients.ts)
// and the batched SIMD explainer (wasm/): which original feature each position of the input vector
// x = [dense | embedding vectors | sequence cells] belongs to, and the baseline x'.
import type { InputLayout } from './architecture.ts';
import type { DeepArchitecture, DeepSchema } from './types.ts';

/** Original feature names, each once, in input order, and the feature index of each position of x. */
export function featureMap(schema: DeepSchema, arch: DeepArchitecture, layout: InputLayout): { features: string[]; featureOf: Int32Array } {
  const features: string[] = [];
  const index = new Map<string, number>();
  const id = (name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = features.length;
      index.set(name, i);
      features.push(name);
    }
    return i;
  };
  const featureOf = new Int32Array(layout.width);
  schema.denseFeatures.forEach((name, j) => (featureOf[j] = id(name)));
  schema.categorical.forEach((c, i) => {
    const at = layout.embeddingOffsets[i]!;
    const f = id(c.feature);
    for (let k = 0; k < arch.embeddingDims[i]!; k++) featureOf[at + k] = f;
  });
  schema.sequences.forEach((s, g) => {
    const at = layout.sequenceOffsets[g]!;
    for (let t = 0; t < s.steps; t++) {
      for (let c = 0; c < s.channels; c++) {
        const name = s.features[t]![c]!;
        // Padding cells have no source column; they get one bucket per group so nothing is lost.
        featureOf[at + t * s.channels + c] = id(name === '' ? `${s.name}:padding` : name);
      }
    }
  });
  return { features, featureOf };
}

/**
 * The baseline x': the training mean of the representation. Dense = 0 and sequences = 0 (the
 * standardised training mean) and, per categorical feature, the training-frequency-weighted mean of
 * its embedding vectors (`embeddings[i]` is table i, cardinality x dim, row-major).
 */
export function baselineInput(
  schema: DeepSchema,
  arch: DeepArchitecture,
  layout: InputLayout,
  embeddings: ArrayLike<number>[],
): Float64Array {
  const x = new Float64Array(layout.width);
  schema.categorical.forEach((c, i) => {
    const dim = arch.embeddingDims[i]!;
    const total = c.counts.reduce((a, b) => a + b, 0);
    const at = layout.embeddingOffsets[i]!;
    const table = embeddings[i]!;
    for (let level = 0; level < c.cardinality; level++) {
      // Without counts (all zero) every level weighs the same.
      const w = total > 0 ? c.counts[level]! / total : 1 / c.cardinality;
      if (w === 0) continue;
      for (let k = 0; k < dim; k++) x[at + k]! += w * table[level * dim + k]!;
    }
  });
  return x;
}
