import { createPortfolio, updateExposure } from '@probity/db';
import type { MutationResolvers } from '../../../generated/resolvers-types.ts';

export const portfolioMutations: MutationResolvers = {
  createPortfolio: (_root, { input }, ctx) => createPortfolio(ctx.db, ctx.authorize('portfolio:write'), input),
  updateExposure: (_root, { id, input, expectedUpdatedAt }, ctx) =>
    updateExposure(ctx.db, ctx.authorize('exposure:write'), id, input, expectedUpdatedAt),
};
