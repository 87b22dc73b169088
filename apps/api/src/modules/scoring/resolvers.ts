import { getPortfolioModel, getScoringRun, listScoringRuns, portfolioPdFigures } from '@probity/db';
import { linkModel, requestScoringRun } from '@probity/scoring';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const scoringResolvers: Resolvers = {
  Query: {
    scoringRun: (_root, { id }, ctx) => getScoringRun(ctx.db, ctx.authorize('read'), id),
  },
  Portfolio: {
    scoringModel: (portfolio, _args, ctx) => getPortfolioModel(ctx.db, ctx.scope, portfolio.id),
    scoringRuns: (portfolio, { first }, ctx) => listScoringRuns(ctx.db, ctx.scope, portfolio.id, first ?? 50),
    pdFigures: async (portfolio, _args, ctx) => (await portfolioPdFigures(ctx.db, ctx.scope, portfolio.id, 1))[0] ?? null,
    pdTrend: (portfolio, { last }, ctx) => portfolioPdFigures(ctx.db, ctx.scope, portfolio.id, last ?? 30),
  },
  Exposure: {
    score: (exposure, _args, ctx) => ctx.loaders.score.load(exposure.id),
    previousScore: (exposure, _args, ctx) => ctx.loaders.previousScore.load(exposure.id),
  },
  Mutation: {
    linkModelToPortfolio: (_root, { portfolioId, modelId, cron, timeZone }, ctx) =>
      linkModel(ctx.db, ctx.authorize('scoring:manage'), { portfolioId, modelId, cron, timeZone }),
    rescorePortfolio: async (_root, { portfolioId, modelVersionId, asOf }, ctx) => {
      const scope = ctx.authorize('scoring:manage');
      const run = await requestScoringRun(ctx.db, scope, { portfolioId, modelVersionId, asOf, trigger: 'manual' });
      if (!run) throw new Error('a manual run has no schedule slot, so it is always created');
      await ctx.jobs.enqueue('score-portfolio', { organizationId: scope.organizationId, runId: run.id });
      return run;
    },
  },
};
