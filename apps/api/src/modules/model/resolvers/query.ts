import {
  currentMasterScale,
  getDataset,
  getModel,
  getModelVersion,
  getTrainingJob,
  listDatasets,
  listMasterScales,
  listModels,
  NotFoundError,
} from '@probity/db';
import { DEFAULT_MASTER_SCALE, MODEL_KINDS } from '@probity/ml';
import type { QueryResolvers } from '../../../generated/resolvers-types.ts';

/** A missing or foreign id reads as null, like every single-entity query. */
async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export const modelQueries: QueryResolvers = {
  datasets: (_root, args, ctx) => listDatasets(ctx.db, ctx.authorize('read'), args),
  dataset: (_root, { id }, ctx) => orNull(getDataset(ctx.db, ctx.authorize('read'), id)),
  models: (_root, args, ctx) => listModels(ctx.db, ctx.authorize('read'), args),
  model: (_root, { id }, ctx) => orNull(getModel(ctx.db, ctx.authorize('read'), id)),
  modelVersion: (_root, { id }, ctx) => orNull(getModelVersion(ctx.db, ctx.authorize('read'), id)),
  trainingJob: (_root, { id }, ctx) => orNull(getTrainingJob(ctx.db, ctx.authorize('read'), id)),
  modelKinds: (_root, _args, ctx) => {
    ctx.authorize('read');
    return [...MODEL_KINDS];
  },
  masterScale: (_root, _args, ctx) => currentMasterScale(ctx.db, ctx.authorize('read'), DEFAULT_MASTER_SCALE),
  masterScales: async (_root, _args, ctx) => {
    const scope = ctx.authorize('read');
    await currentMasterScale(ctx.db, scope, DEFAULT_MASTER_SCALE);
    return listMasterScales(ctx.db, scope);
  },
};
