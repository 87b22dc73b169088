import { listSnapshots } from '@probity/db';
import type { Resolvers } from '../../generated/resolvers-types.ts';

const day = (value: string | null | undefined) => (value ? new Date(`${value}T00:00:00Z`) : null);

export const snapshotResolvers: Resolvers = {
  Query: {
    portfolioSnapshots: (_root, { portfolioId, from, to }, ctx) =>
      listSnapshots(ctx.db, ctx.authorize('read'), portfolioId, { from: day(from), to: day(to) }),
  },
};
