/** Schemas of the model part of a model file: one single-family model, or a fusion of them. */
import { z } from 'zod';
import { deepStateSchema } from '../deep/state-schema.ts';
import { logisticStateSchema } from '../logistic/state-schema.ts';
import { gbdtStateSchema } from '../trees/state-schema.ts';
import { finite } from '../model-file/zod-helpers.ts';
import type { FusionState, MemberModel, ModelState } from './types.ts';

const familyKind = z.enum(['logistic', 'deep', 'gbdt']);

export const memberModelSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('logistic'), state: logisticStateSchema }),
  z.strictObject({ kind: z.literal('deep'), state: deepStateSchema }),
  z.strictObject({ kind: z.literal('gbdt'), state: gbdtStateSchema }),
]) satisfies z.ZodType<MemberModel>;

export const fusionStateSchema = z.strictObject({
  intercept: finite,
  members: z.array(z.strictObject({ weight: finite, model: memberModelSchema })).min(1),
  dropped: z.array(z.strictObject({ kind: familyKind, reason: z.string() })),
  stacking: z
    .strictObject({
      rows: z.enum(['out-of-fold', 'validation']),
      count: z.number().int().nonnegative(),
      defaults: z.number().int().nonnegative(),
      folds: z.number().int().nonnegative(),
    })
    .optional(),
}) satisfies z.ZodType<FusionState>;

export const modelStateSchema = z.discriminatedUnion('kind', [
  ...memberModelSchema.options,
  z.strictObject({ kind: z.literal('fusion'), state: fusionStateSchema }),
]) satisfies z.ZodType<ModelState>;
