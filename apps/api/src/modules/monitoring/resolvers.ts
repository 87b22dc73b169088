import {
  currentMasterScaleGrades,
  getMonitoringSettings,
  setModelChallenger,
  setMonitoringSettings,
  succeededRunsOfVersion,
  watchlist,
} from '@probity/db';
import { backtestRun, challengerComparison, gradeBands, type RunBacktest, type RunMonitoring } from '@probity/scoring';
import type { Resolvers, RunBacktest as RunBacktestView } from '../../generated/resolvers-types.ts';

function backtestView(b: RunBacktest): RunBacktestView {
  return { ...b, auc: b.auc?.value ?? null, aucLower: b.auc?.lower ?? null, aucUpper: b.auc?.upper ?? null };
}

export const monitoringResolvers: Resolvers = {
  ScoringRun: {
    challenger: async (run, _args, ctx) => {
      const c = await challengerComparison(ctx.db, ctx.scope, run.id);
      return c && { ...c, meanPdChampion: c.meanPd.champion, meanPdChallenger: c.meanPd.challenger };
    },
    backtest: async (run, _args, ctx) => {
      const b = await backtestRun(ctx.db, ctx.scope, run.id);
      return b && backtestView(b);
    },
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
  ModelVersion: {
    backtests: async (version, _args, ctx) => {
      const runIds = await succeededRunsOfVersion(ctx.db, ctx.scope, version.id, 10);
      const all = await Promise.all(runIds.map((id) => backtestRun(ctx.db, ctx.scope, id)));
      return all.filter((b): b is RunBacktest => b !== null).map(backtestView);
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
        settingsVersion: list.settings.version,
        totalCount: list.totalCount,
        entries: list.entries,
      };
    },
    monitoringSettings: (_root, _args, ctx) => getMonitoringSettings(ctx.db, ctx.authorize('read')),
  },
  Mutation: {
    setModelChallenger: (_root, { modelId, versionId }, ctx) =>
      setModelChallenger(ctx.db, ctx.authorize('scoring:manage'), modelId, versionId ?? null),
    setMonitoringSettings: (_root, { expectedVersion, ...values }, ctx) =>
      setMonitoringSettings(ctx.db, ctx.authorize('scoring:manage'), values, expectedVersion),
  },
};
