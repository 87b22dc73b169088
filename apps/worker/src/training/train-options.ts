// The platform's training options (checked by @probity/jobs' schema) onto packages/ml's TrainOptions.
import { getModelVersionFile, type Database, type MasterScaleGrade, type TenantScope } from '@probity/db';
import type { TrainingOptions } from '@probity/jobs';
import { parseModel, parseSplit, type ModelKind, type TrainOptions } from '@probity/ml';

export async function toTrainOptions(
  db: Database,
  scope: TenantScope,
  job: { kind: string; target: string; options: TrainingOptions },
  masterScale: readonly MasterScaleGrade[],
  backend: string | undefined,
): Promise<TrainOptions> {
  const o = job.options;
  const warmStart = o.warmStartVersionId
    ? parseModel((await getModelVersionFile(db, scope, o.warmStartVersionId)).modelFileJson)
    : undefined;
  return {
    model: job.kind as ModelKind,
    target: job.target,
    ...(o.defaultValue ? { defaultValue: o.defaultValue } : {}),
    ...(o.idColumn ? { id: o.idColumn } : {}),
    ...(o.ignore ? { ignore: o.ignore } : {}),
    ...(o.categorical ? { categorical: o.categorical } : {}),
    ...(o.split ? { split: parseSplit(o.split) } : {}),
    ...(o.classWeight !== undefined ? { classWeight: o.classWeight } : {}),
    ...(o.calibration ? { calibration: o.calibration } : {}),
    ...(o.encoding ? { encoding: o.encoding } : {}),
    ...(o.monotone || o.trees || o.learningRate || o.leaves
      ? {
          gbdt: {
            ...(o.monotone ? { monotone: o.monotone } : {}),
            ...(o.trees ? { maxTrees: o.trees } : {}),
            ...(o.learningRate ? { learningRate: o.learningRate } : {}),
            ...(o.leaves ? { maxLeaves: o.leaves } : {}),
          },
        }
      : {}),
    ...(o.anchorRate !== undefined ? { anchorRate: o.anchorRate } : {}),
    ...(o.validationFraction !== undefined ? { validationFraction: o.validationFraction } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.epochs !== undefined ? { deep: { epochs: o.epochs } } : {}),
    ...(warmStart ? { warmStart, compareWithScratch: false } : {}),
    ...(backend ? { backend } : {}),
    masterScale: masterScale.map((g) => ({ grade: g.grade, maxPd: g.maxPd })),
  };
}
