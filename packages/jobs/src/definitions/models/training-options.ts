// The training options a person or a tool can set, checked by the API before a job is queued and read
// by the worker, which maps them onto packages/ml's TrainOptions. Everything is optional: the defaults
// are packages/ml's (mod5 split when the file has an id column, else the ml default).
import { z } from 'zod';

export const trainingOptionsSchema = z
  .object({
    /** "mod5" (rows whose id, or row number, is divisible by 5 are the test set) or "random:<seed>:<fraction>". */
    split: z
      .string()
      .regex(/^(mod5|random:\d+:(0?\.\d+))$/, { error: 'must be "mod5" or "random:<seed>:<test fraction>", e.g. random:42:0.2' })
      .optional(),
    /** Column holding a row id (never a feature). */
    idColumn: z.string().min(1).optional(),
    /** The target value meaning default ("1" unless told). */
    defaultValue: z.string().min(1).optional(),
    ignore: z.array(z.string().min(1)).max(1000).optional(),
    categorical: z.array(z.string().min(1)).max(1000).optional(),
    /** "balanced" or the weight of each default, for rare defaults. */
    classWeight: z.union([z.literal('balanced'), z.number().positive().max(1000)]).optional(),
    calibration: z.enum(['platt', 'isotonic']).optional(),
    /** Feature encoding of the pipeline: woe gives monotone weight-of-evidence bins. */
    encoding: z.enum(['bins', 'woe', 'linear', 'hybrid']).optional(),
    /** Trees: raw columns the PD may only rise (+1) or fall (-1) with. */
    monotone: z.record(z.string().min(1), z.union([z.literal(1), z.literal(-1)])).optional(),
    /** Trees: most trees, learning rate, leaves per tree. */
    trees: z.number().int().min(1).max(5000).optional(),
    learningRate: z.number().gt(0).max(1).optional(),
    leaves: z.number().int().min(2).max(1024).optional(),
    /** Long-run default rate to re-anchor the PDs to. */
    anchorRate: z.number().gt(0).lt(1).optional(),
    validationFraction: z.number().gt(0).lt(0.5).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    /** Deep and fusion: most epochs. */
    epochs: z.number().int().min(1).max(500).optional(),
    /** Transfer learning: fine-tune the deep part of this model version (same organization). */
    warmStartVersionId: z.uuid().optional(),
  })
  .strict();

export type TrainingOptions = z.infer<typeof trainingOptionsSchema>;
