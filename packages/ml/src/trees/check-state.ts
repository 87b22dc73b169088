/** What the schema cannot say about stored trees: sizes, node links and features against the pipeline. */
import type { PipelineState } from '../pipeline/types.ts';
import { treeFeatureSources } from './features.ts';
import type { GbdtModelState } from './types.ts';

export function checkGbdtState(state: GbdtModelState, pipeline: PipelineState): { path: string; message: string } | null {
  const sources = treeFeatureSources(pipeline);
  if (state.features.length !== sources.length)
    return { path: 'features', message: `the model has ${state.features.length} tree inputs but its pipeline makes ${sources.length}` };
  for (const [f, feature] of state.features.entries()) {
    const source = sources[f]!;
    if (feature.input !== source.input || feature.source !== source.source)
      return { path: `features[${f}].input`, message: `is "${feature.input}" but the pipeline's input ${f} is "${source.input}"` };
    for (let k = 1; k < feature.edges.length; k++)
      if (!(feature.edges[k]! > feature.edges[k - 1]!)) return { path: `features[${f}].edges[${k}]`, message: 'edges must ascend' };
  }
  for (const [t, tree] of state.trees.entries()) {
    const n = tree.feature.length;
    if (n === 0) return { path: `trees[${t}].feature`, message: 'a tree needs at least one node' };
    for (const key of ['threshold', 'missingLeft', 'left', 'right', 'value', 'cover'] as const)
      if (tree[key].length !== n)
        return { path: `trees[${t}].${key}`, message: `has ${tree[key].length} entries but the tree has ${n} nodes` };
    for (let i = 0; i < n; i++) {
      const leaf = tree.left[i]! < 0;
      if (leaf !== tree.right[i]! < 0) return { path: `trees[${t}].right[${i}]`, message: 'a node has both children or none' };
      if (leaf) continue;
      // Children come after their parent, so no path can loop.
      for (const key of ['left', 'right'] as const)
        if (!(tree[key][i]! > i && tree[key][i]! < n))
          return { path: `trees[${t}].${key}[${i}]`, message: `must be a node after ${i} and below ${n}, got ${tree[key][i]}` };
      const f = tree.feature[i]!;
      if (!(f >= 0 && f < state.features.length))
        return { path: `trees[${t}].feature[${i}]`, message: `must name one of the ${state.features.length} inputs, got ${f}` };
    }
  }
  return null;
}
