/** The fitted logistic model as the model file stores it (zod). */
import { z } from 'zod';
import { count, finite, finiteList, names } from '../model-file/zod-helpers.ts';
import type { LogisticModelState } from './types.ts';

const lambdaTrial = z.strictObject({
  lambda: finite,
  validationLogLoss: finite,
  validationAuc: finite,
  iterations: count,
  nonZero: count.optional(),
});

const penalty = z.strictObject({ kind: z.enum(['l2', 'l1', 'elasticnet']), l1Ratio: finite.min(0).max(1) });

const scorecard = z.strictObject({
  pointsToDoubleOdds: finite,
  baseOdds: finite,
  basePoints: finite,
  inputs: z.array(z.strictObject({ input: z.string(), attributes: z.array(z.strictObject({ column: z.string(), points: finite })) })),
});

export const logisticStateSchema = z.strictObject({
  columns: names,
  coefficients: finiteList,
  intercept: finite,
  columnMeans: finiteList,
  lambda: finite,
  penalty: penalty.optional(),
  defaultWeight: finite.positive(),
  solver: z.strictObject({
    method: z.enum(['newton', 'coordinate-descent']),
    reason: z.string().optional(),
    iterations: count,
    gradientNorm: finite,
    converged: z.boolean(),
    seconds: finite,
    threads: count,
  }),
  lambdaSearch: z.array(lambdaTrial),
  standardErrors: finiteList.nullable(),
  pValues: finiteList.nullable(),
  scorecard: scorecard.nullable(),
}) satisfies z.ZodType<LogisticModelState>;
