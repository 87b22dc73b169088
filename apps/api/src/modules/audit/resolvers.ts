import { listAuditLog } from '@probity/db';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { connectionResolvers } from '../common/connection.ts';

export const auditResolvers: Resolvers = {
  Query: {
    auditLog: (_root, args, ctx) => listAuditLog(ctx.db, ctx.authorize('audit:read'), args),
  },
  AuditLogConnection: connectionResolvers,
  AuditLogEntry: {
    actor: async (entry, _args, ctx) => {
      if (entry.actorUserId) {
        const user = await ctx.loaders.user.load(entry.actorUserId);
        return { kind: 'USER', id: entry.actorUserId, name: user ? `${user.name} <${user.email}>` : 'former member' };
      }
      if (entry.actorApiKeyId) {
        const key = await ctx.loaders.apiKey.load(entry.actorApiKeyId);
        return { kind: 'API_KEY', id: entry.actorApiKeyId, name: key ? `${key.name} (${key.prefix})` : 'deleted API key' };
      }
      return { kind: 'SYSTEM', id: null, name: 'Probity' };
    },
  },
};
