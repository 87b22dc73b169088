// Field resolvers of Portfolio, PortfolioSummary, Obligor and Exposure. Relations go through the
// request's DataLoaders.
import { listExposures, listSnapshots, Prisma, type Exposure } from '@probity/db';
import type { Resolvers } from '../../../generated/resolvers-types.ts';
import { badInput, notFound, translated } from '../../../errors.ts';
import { connectionResolvers } from '../../common/connection.ts';

const ratio = (part: Prisma.Decimal, whole: Prisma.Decimal): number | null => (whole.isZero() ? null : part.div(whole).toNumber());
const share = (part: Prisma.Decimal, whole: Prisma.Decimal): number => ratio(part, whole) ?? 0;

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
      translated(() =>
        listExposures(ctx.db, ctx.scope, portfolio.id, {
          ...page,
          orderBy: orderBy ? { field: orderBy.field, direction: orderBy.direction ?? 'DESC' } : null,
        }),
      ),
    snapshots: (portfolio, { from, to }, ctx) =>
      listSnapshots(ctx.db, ctx.scope, portfolio.id, {
        from: from ? new Date(`${from}T00:00:00Z`) : null,
        to: to ? new Date(`${to}T00:00:00Z`) : null,
      }),
  },
  PortfolioConnection: connectionResolvers,
  ExposureConnection: connectionResolvers,
  PortfolioSummary: {
    utilisation: (s) => ratio(s.totalEad, s.totalLimit),
    eadBySegment: (s) => s.eadBySegment.map((row) => ({ ...row, share: share(row.ead, s.totalEad) })),
    eadBySector: (s) => s.eadBySector.map((row) => ({ ...row, share: share(row.ead, s.totalEad) })),
    eadByStatus: (s) => s.eadByStatus.map((row) => ({ ...row, share: share(row.ead, s.totalEad) })),
    topObligors: (s, { limit }) => {
      const n = limit ?? 10;
      if (!Number.isInteger(n) || n < 1 || n > MAX_TOP_OBLIGORS) {
        throw badInput('limit', `must be between 1 and ${MAX_TOP_OBLIGORS}`);
      }
      return s.topObligors.slice(0, n).map((row) => ({ ...row, share: share(row.ead, s.totalEad) }));
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
    exposures: (obligor, _args, ctx) => ctx.loaders.exposuresOfObligor.load(obligor.id),
    totalEad: async (obligor, _args, ctx) => {
      const exposures: Exposure[] = await ctx.loaders.exposuresOfObligor.load(obligor.id);
      return exposures.reduce((sum, e) => sum.add(e.ead), new Prisma.Decimal(0));
    },
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
    utilisation: (exposure) => ratio(exposure.ead, exposure.limit),
  },
};
