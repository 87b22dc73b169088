import { listFeatureLoads, loadFeatures, InputError } from '@probity/db';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { connectionResolvers } from '../common/connection.ts';

/** The GraphQL mutation is for small files; big ones go through the streaming upload endpoint. */
const MAX_CSV_CHARS = 10 * 1024 * 1024;
const MAX_HISTORY = 100;

export const featureResolvers: Resolvers = {
  Query: {
    featureLoads: (_root, page, ctx) => listFeatureLoads(ctx.db, ctx.authorize('read'), page),
  },
  Obligor: {
    features: async (obligor, { asOf }, ctx) =>
      (await ctx.loaders.features.load({ level: 'OBLIGOR', id: obligor.id, asOf: asOf ?? null, limit: 1 }))[0] ?? null,
    featureHistory: (obligor, { first }, ctx) =>
      ctx.loaders.features.load({
        level: 'OBLIGOR',
        id: obligor.id,
        asOf: null,
        limit: Math.min(Math.max(first ?? MAX_HISTORY, 1), MAX_HISTORY),
      }),
  },
  Exposure: {
    features: async (exposure, { asOf }, ctx) =>
      (await ctx.loaders.features.load({ level: 'EXPOSURE', id: exposure.id, asOf: asOf ?? null, limit: 1 }))[0] ?? null,
    featureHistory: (exposure, { first }, ctx) =>
      ctx.loaders.features.load({
        level: 'EXPOSURE',
        id: exposure.id,
        asOf: null,
        limit: Math.min(Math.max(first ?? MAX_HISTORY, 1), MAX_HISTORY),
      }),
  },
  FeatureSet: {
    load: async (set, _args, ctx) => {
      const load = await ctx.loaders.featureLoad.load(set.loadId);
      if (!load) throw new Error(`feature load ${set.loadId} of a visible feature set is missing`);
      return load;
    },
  },
  FeatureLoadConnection: connectionResolvers,
  Mutation: {
    loadFeatures: async (_root, { input }, ctx) => {
      const scope = ctx.authorize('features:write');
      if (input.csv.length > MAX_CSV_CHARS)
        throw new InputError('input.csv', `is over ${MAX_CSV_CHARS / 1024 / 1024} MB: upload the file instead`);
      const result = await loadFeatures(ctx.db, scope, {
        level: input.level,
        asOf: input.asOf,
        source: { text: input.csv },
        idColumn: input.idColumn ?? undefined,
        fileName: input.fileName ?? null,
      });
      return { load: result.ok ? result.load : null, issues: result.issues };
    },
  },
};
