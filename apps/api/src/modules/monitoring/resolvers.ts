import { currentMasterScaleGrades, getMonitoringSettings, setMonitoringSettings, watchlist } from '@probity/db';
import { gradeBands, type RunMonitoring } from '@probity/scoring';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const monitoringResolvers: Resolvers = {
  ScoringRun: {
    monitoring: async (run, _args, ctx) => {
      const stored = (await ctx.loaders.runMonitoring.load(run.id)) as RunMonitoring | null;
      if (!stored) return null;
      return {
        ...stored,
        computedAt: new Date(stored.computedAt),
        psi: stored.psi && { feature: null, ...stored.psi },
      };
    },
  },
  Query: {
    watchlist: async (_root, { portfolioId, first, offset }, ctx) => {
      const scope = ctx.authorize('read');
      const scale = gradeBands(await currentMasterScaleGrades(ctx.db, scope)).map((b) => b.grade);
      const list = await watchlist(ctx.db, scope, { portfolioId, first, offset, scale });
      return {
        pdThreshold: list.settings.watchlistPdThreshold,
        gradeDrop: list.settings.watchlistGradeDrop,
        totalCount: list.totalCount,
        entries: list.entries,
      };
    },
    monitoringSettings: (_root, _args, ctx) => getMonitoringSettings(ctx.db, ctx.authorize('read')),
  },
  Mutation: {
    setMonitoringSettings: (_root, args, ctx) => setMonitoringSettings(ctx.db, ctx.authorize('scoring:manage'), args),
  },
};
