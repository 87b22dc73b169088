import { listSnapshots } from '@probity/db';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { connectionResolvers } from '../common/connection.ts';

const day = (value: string | null | undefined) => (value ? new Date(`${value}T00:00:00Z`) : null);

export const snapshotResolvers: Resolvers = {
  Query: {
    portfolioSnapshots: (_root, { portfolioId, from, to, ...page }, ctx) =>
      listSnapshots(ctx.db, ctx.authorize('read'), portfolioId, { ...page, from: day(from), to: day(to) }),
  },
  Portfolio: {
    snapshots: (portfolio, { from, to, ...page }, ctx) =>
      listSnapshots(ctx.db, ctx.scope, portfolio.id, { ...page, from: day(from), to: day(to) }),
  },
  PortfolioSnapshotConnection: connectionResolvers,
  Mutation: {
    takePortfolioSnapshots: async (_root, { asOf }, ctx) => {
      const { organizationId } = ctx.authorize('portfolio:write');
      const utcDay = asOf ?? new Date().toISOString().slice(0, 10);
      // One waiting request per organization and day; the nightly run (no key) is never merged with it.
      const id = await ctx.jobs.enqueue(
        'snapshot-portfolios',
        { asOf: utcDay, organizationId },
        { singletonKey: `${organizationId}:${utcDay}` },
      );
      return { id, name: 'snapshot-portfolios' };
    },
  },
};
