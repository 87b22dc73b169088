/** The fitted gradient-boosted trees as the model file stores them (zod). */
import { z } from 'zod';
import { count, finite, finiteList } from '../model-file/zod-helpers.ts';
import type { GbdtModelState } from './types.ts';

const nodeIndex = z.int().min(-1);

const tree = z.strictObject({
  feature: z.array(nodeIndex),
  threshold: finiteList,
  missingLeft: z.array(z.union([z.literal(0), z.literal(1)])),
  left: z.array(nodeIndex),
  right: z.array(nodeIndex),
  value: finiteList,
  cover: z.array(finite.nonnegative()),
});

export const gbdtStateSchema = z.strictObject({
  features: z.array(
    z.strictObject({
      input: z.string(),
      source: z.enum(['numeric', 'categorical']),
      unit: z.string(),
      edges: finiteList,
      monotone: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
      usable: z.boolean(),
    }),
  ),
  baseScore: finite,
  trees: z.array(tree),
  params: z.strictObject({
    learningRate: finite.positive(),
    maxTrees: count,
    maxLeaves: z.int().min(2),
    maxDepth: count,
    minLeafRows: count,
    minLeafWeight: finite.nonnegative(),
    l2: finite.nonnegative(),
    rowSample: finite.positive().max(1),
    columnSample: finite.positive().max(1),
    earlyStoppingRounds: count,
    maxBins: z.int().min(2).max(255),
    seed: z.int(),
  }),
  defaultWeight: finite.positive(),
  treesTrained: count,
}) satisfies z.ZodType<GbdtModelState>;
