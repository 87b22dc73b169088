import {
  datasetsByIds,
  getMasterScale,
  getModel,
  getTrainingJob,
  listModelVersions,
  listTrainingJobs,
  modelVersionsByIds,
} from '@probity/db';
import type { Resolvers } from '../../../generated/resolvers-types.ts';
import type { ModelMetricsModel } from '../../mappers.ts';
import { actorOf, userOf } from './actor.ts';

async function datasetOf(ctx: Parameters<typeof actorOf>[0], id: string) {
  const [dataset] = await datasetsByIds(ctx.db, ctx.scope, [id]);
  if (!dataset) throw new Error(`dataset ${id} is missing`);
  return dataset;
}

export const modelTypes: Resolvers = {
  Dataset: {
    uploadedBy: (dataset, _args, ctx) => actorOf(ctx, dataset.uploadedById, dataset.uploadedByApiKeyId),
  },
  Model: {
    versions: (model, _args, ctx) => listModelVersions(ctx.db, ctx.scope, model.id),
    champion: async (model, _args, ctx) =>
      (await listModelVersions(ctx.db, ctx.scope, model.id)).find((v) => v.status === 'CHAMPION') ?? null,
    // Only while APPROVED: a designation from before transitions cleared it (see governance.ts) is not shown.
    challenger: async (model, _args, ctx) => {
      if (!model.challengerVersionId) return null;
      const [version] = await modelVersionsByIds(ctx.db, ctx.scope, [model.challengerVersionId]);
      return version?.status === 'APPROVED' ? version : null;
    },
    trainingJobs: (model, _args, ctx) => listTrainingJobs(ctx.db, ctx.scope, { modelId: model.id }),
  },
  TrainingJob: {
    model: (job, _args, ctx) => getModel(ctx.db, ctx.scope, job.modelId),
    dataset: (job, _args, ctx) => datasetOf(ctx, job.datasetId),
    requestedBy: (job, _args, ctx) => actorOf(ctx, job.requestedById, job.requestedByApiKeyId),
    version: async (job, _args, ctx) =>
      job.versionId ? ((await modelVersionsByIds(ctx.db, ctx.scope, [job.versionId]))[0] ?? null) : null,
  },
  ModelVersion: {
    model: (version, _args, ctx) => getModel(ctx.db, ctx.scope, version.modelId),
    dataset: (version, _args, ctx) => datasetOf(ctx, version.datasetId),
    metrics: (version) => (version.metrics ?? {}) as ModelMetricsModel,
    trainingJob: (version, _args, ctx) => (version.trainingJobId ? getTrainingJob(ctx.db, ctx.scope, version.trainingJobId) : null),
    masterScale: (version, _args, ctx) => (version.masterScaleId ? getMasterScale(ctx.db, ctx.scope, version.masterScaleId) : null),
    trainedBy: (version, _args, ctx) => actorOf(ctx, version.trainedById, version.trainedByApiKeyId),
    submittedBy: (version, _args, ctx) => userOf(ctx, version.submittedById),
    validatedBy: (version, _args, ctx) => userOf(ctx, version.validatedById),
    approvedBy: (version, _args, ctx) => userOf(ctx, version.approvedById),
    rejectedBy: (version, _args, ctx) => userOf(ctx, version.rejectedById),
    promotedBy: (version, _args, ctx) => userOf(ctx, version.promotedById),
  },
  MasterScale: {
    createdBy: (scale, _args, ctx) => userOf(ctx, scale.createdById),
  },
};
