/** The version-2 model file as a zod schema: every field is checked on load, unknown fields refused. */
import { z } from 'zod';
import { anchorStateSchema, calibrationStateSchema } from '../calibration/state-schema.ts';
import type { IssueCode } from '../data/validation-report.ts';
import { modelStateSchema } from '../families/state-schema.ts';
import { pipelineStateSchema } from '../pipeline/state-schema.ts';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelFile } from './types.ts';
import { count, finite, names } from './zod-helpers.ts';

const metrics = z.strictObject({ auc: finite, gini: finite, ks: finite, brier: finite, logLoss: finite });

const issue = z.strictObject({
  severity: z.enum(['error', 'warning']),
  // Codes are open-ended (newer readers add some); a file only has to name one plainly.
  code: z.custom<IssueCode>((v) => typeof v === 'string' && /^[a-z][a-z0-9-]*$/.test(v), 'must be an issue code such as "constant-column"'),
  message: z.string(),
  column: z.string().optional(),
  rows: z.array(count).optional(),
  count: count.optional(),
});

export const modelFileSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  createdAt: z.string(),
  packageVersion: z.string(),
  backend: z.strictObject({ name: z.string(), detail: z.string() }),
  trainingData: z.strictObject({
    sha256: z.string(),
    file: z.string().nullable(),
    rows: count,
    trainRows: count,
    validationRows: count,
    testRows: count,
    split: z.string(),
    defaultRate: finite.min(0).max(1),
  }),
  target: z.strictObject({ column: z.string(), defaultValue: z.string(), nonDefaultValue: z.string().nullable() }),
  idColumn: z.string().nullable(),
  schema: z.array(
    z.strictObject({
      name: z.string(),
      kind: z.enum(['numeric', 'categorical', 'identifier', 'date', 'target', 'ignored', 'unusable']),
      codeLike: z.boolean(),
    }),
  ),
  groups: z.array(z.strictObject({ name: z.string(), columns: names })),
  pipeline: pipelineStateSchema,
  model: modelStateSchema,
  calibration: calibrationStateSchema,
  anchor: anchorStateSchema.nullable(),
  labels: z.record(z.string(), z.string()),
  metrics: z.strictObject({ validation: metrics, test: metrics.nullable() }),
  warnings: z.array(issue),
}) satisfies z.ZodType<ModelFile>;
