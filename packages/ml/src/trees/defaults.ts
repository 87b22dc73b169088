/** Default boosting settings (see the package README for how they were chosen). */
import type { GbdtRefit } from './refit.ts';
import type { GbdtParams } from './types.ts';

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  learningRate: 0.05,
  maxTrees: 1000,
  maxLeaves: 15,
  maxDepth: 8,
  minLeafRows: 20,
  minLeafWeight: 1e-3,
  l2: 1,
  rowSample: 0.8,
  columnSample: 0.8,
  earlyStoppingRounds: 50,
  maxBins: 255,
  seed: 20240501,
};

/** Refit on training and validation rows once early stopping has chosen the number of trees. */
export const DEFAULT_GBDT_REFIT: GbdtRefit = 'scaled';
