// Field resolvers of Portfolio, PortfolioSummary, Obligor and Exposure. Relations go through the
// request's DataLoaders; every figure (totals, ratios, shares) comes computed from @probity/db.
import { listExposures } from '@probity/db';
import type { Resolvers } from '../../../generated/resolvers-types.ts';
import { badInput, notFound } from '../../../errors.ts';
import { connectionResolvers } from '../../common/connection.ts';

const MAX_TOP_OBLIGORS = 50;

export const portfolioTypeResolvers: Resolvers = {
  Portfolio: {
    summary: async (portfolio, _args, ctx) => {
      const cached = ctx.summaries.get(portfolio.id, portfolio.dataVersion);
      if (cached) return cached;
      const summary = await ctx.loaders.summary.load(portfolio.id);
      if (!summary) throw notFound('Portfolio');
      ctx.summaries.set(portfolio.id, portfolio.dataVersion, summary);
      return summary;
    },
    exposures: (portfolio, { orderBy, ...page }, ctx) =>
      listExposures(ctx.db, ctx.scope, portfolio.id, {
        ...page,
        orderBy: orderBy ? { field: orderBy.field, direction: orderBy.direction ?? 'DESC' } : null,
      }),
  },
  PortfolioConnection: connectionResolvers,
  ExposureConnection: { ...connectionResolvers, totalCountIsEstimate: (connection) => connection.totalCountIsEstimate ?? false },
  PortfolioSummary: {
    topObligors: (s, { limit }) => {
      const n = limit ?? 10;
      if (!Number.isInteger(n) || n < 1 || n > MAX_TOP_OBLIGORS) {
        throw badInput('limit', `must be between 1 and ${MAX_TOP_OBLIGORS}`);
      }
      return s.topObligors.slice(0, n);
    },
  },
  TopObligor: {
    obligor: async (row, _args, ctx) => {
      const obligor = await ctx.loaders.obligor.load(row.obligorId);
      if (!obligor) throw notFound('Obligor');
      return obligor;
    },
  },
  Obligor: {
    exposures: (obligor, args, ctx) => ctx.loaders.obligorExposures.load({ obligorId: obligor.id, page: args }),
    totalEad: async (obligor, _args, ctx) => (await ctx.loaders.obligorTotals.load(obligor.id)).totalEad,
    totalLimit: async (obligor, _args, ctx) => (await ctx.loaders.obligorTotals.load(obligor.id)).totalLimit,
    utilisation: async (obligor, _args, ctx) => (await ctx.loaders.obligorTotals.load(obligor.id)).utilisation,
    maxDaysPastDue: async (obligor, _args, ctx) => (await ctx.loaders.obligorTotals.load(obligor.id)).maxDaysPastDue,
    currencies: async (obligor, _args, ctx) => (await ctx.loaders.obligorTotals.load(obligor.id)).currencies,
    portfolioCount: async (obligor, _args, ctx) => (await ctx.loaders.obligorTotals.load(obligor.id)).portfolioCount,
  },
  Exposure: {
    obligor: async (exposure, _args, ctx) => {
      const obligor = await ctx.loaders.obligor.load(exposure.obligorId);
      if (!obligor) throw notFound('Obligor');
      return obligor;
    },
    portfolio: async (exposure, _args, ctx) => {
      const portfolio = await ctx.loaders.portfolio.load(exposure.portfolioId);
      if (!portfolio) throw notFound('Portfolio');
      return portfolio;
    },
  },
};
