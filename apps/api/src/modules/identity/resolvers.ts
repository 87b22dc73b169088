import { PERMISSIONS, can, type Permission } from '@probity/auth';
import { getOrganization, listMembers } from '@probity/db';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { notFound } from '../../errors.ts';
import { connectionResolvers } from '../common/connection.ts';

export const identityResolvers: Resolvers = {
  Query: {
    me: (_root, _args, ctx) => {
      const { caller } = ctx;
      const kind = caller.actor.kind === 'user' ? 'USER' : caller.actor.kind === 'apiKey' ? 'API_KEY' : 'SYSTEM';
      const id =
        caller.actor.kind === 'user' ? caller.actor.userId : caller.actor.kind === 'apiKey' ? caller.actor.apiKeyId : caller.actor.name;
      return {
        id,
        kind,
        name: caller.name,
        email: caller.email,
        role: caller.role,
        permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(caller.role, p)),
      };
    },
    organization: async (_root, _args, ctx) => {
      const org = await getOrganization(ctx.db, ctx.authorize('read'));
      if (!org) throw notFound('Organization');
      return org;
    },
    members: (_root, args, ctx) => listMembers(ctx.db, ctx.authorize('user:manage'), args),
  },
  MemberConnection: connectionResolvers,
  Viewer: {
    organization: async (_viewer, _args, ctx) => {
      const org = await getOrganization(ctx.db, ctx.scope);
      if (!org) throw notFound('Organization');
      return org;
    },
  },
};
