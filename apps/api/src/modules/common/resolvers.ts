import type { Resolvers } from '../../generated/resolvers-types.ts';
import { scalarResolvers } from './scalars.ts';

export const commonResolvers: Resolvers = {
  ...scalarResolvers,
  Query: { ok: () => true },
  Mutation: { noop: () => null },
};
