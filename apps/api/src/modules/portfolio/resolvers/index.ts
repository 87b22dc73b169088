import type { Resolvers } from '../../../generated/resolvers-types.ts';
import { portfolioMutations } from './mutation.ts';
import { portfolioQueries } from './query.ts';
import { portfolioTypeResolvers } from './types.ts';

export const portfolioResolvers: Resolvers = {
  ...portfolioTypeResolvers,
  Query: portfolioQueries,
  Mutation: portfolioMutations,
};
