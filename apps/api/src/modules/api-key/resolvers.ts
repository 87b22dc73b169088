import { createApiKey, listApiKeys, revokeApiKey } from '@probity/db';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { connectionResolvers } from '../common/connection.ts';

export const apiKeyResolvers: Resolvers = {
  Query: {
    apiKeys: (_root, args, ctx) => listApiKeys(ctx.db, ctx.authorize('apiKey:manage'), args),
  },
  Mutation: {
    createApiKey: async (_root, { input }, ctx) => {
      const scope = ctx.authorize('apiKey:manage');
      const { apiKey, key } = await createApiKey(ctx.db, scope, input);
      return { apiKey, secret: key };
    },
    revokeApiKey: (_root, { id }, ctx) => revokeApiKey(ctx.db, ctx.authorize('apiKey:manage'), id),
  },
  ApiKeyConnection: connectionResolvers,
  ApiKey: {
    status: (key) => {
      const now = Date.now();
      if (key.revokedAt && key.revokedAt.getTime() <= now) return 'REVOKED';
      if (key.expiresAt && key.expiresAt.getTime() <= now) return 'EXPIRED';
      if (key.creatorActive === false) return 'SUSPENDED';
      return 'ACTIVE';
    },
    createdBy: (key, _args, ctx) => (key.createdById ? ctx.loaders.user.load(key.createdById) : null),
  },
};
