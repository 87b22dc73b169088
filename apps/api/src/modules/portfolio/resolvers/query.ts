import { exposuresByIds, listPortfolios } from '@probity/db';
import type { QueryResolvers } from '../../../generated/resolvers-types.ts';

export const portfolioQueries: QueryResolvers = {
  portfolios: (_root, args, ctx) => listPortfolios(ctx.db, ctx.authorize('read'), args),
  // Another organization's id resolves exactly like a missing one: null.
  portfolio: (_root, { id }, ctx) => (ctx.authorize('read'), ctx.loaders.portfolio.load(id)),
  obligor: (_root, { id }, ctx) => (ctx.authorize('read'), ctx.loaders.obligor.load(id)),
  exposure: async (_root, { id }, ctx) => (await exposuresByIds(ctx.db, ctx.authorize('read'), [id]))[0] ?? null,
};
