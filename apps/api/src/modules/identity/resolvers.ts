import { PERMISSIONS, can, type Permission } from '@probity/auth';
import {
  changeMemberRole,
  changeOwnPassword,
  getOrganization,
  inviteMember,
  listMembers,
  removeMember,
  setMemberDisabled,
  TooManyAttemptsError,
} from '@probity/db';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { notFound, rateLimited, usersOnly } from '../../errors.ts';
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
  Mutation: {
    inviteMember: (_root, { input }, ctx) => inviteMember(ctx.db, ctx.authorize('user:manage'), input),
    changeMemberRole: (_root, { userId, role }, ctx) => changeMemberRole(ctx.db, ctx.authorize('user:manage'), userId, role),
    setMemberDisabled: (_root, { userId, disabled }, ctx) => setMemberDisabled(ctx.db, ctx.authorize('user:manage'), userId, disabled),
    removeMember: (_root, { userId }, ctx) => removeMember(ctx.db, ctx.authorize('user:manage'), userId),
    // Not behind authorize(): a user with a temporary password must be able to replace it.
    changeMyPassword: async (_root, { currentPassword, newPassword }, ctx) => {
      if (ctx.caller.actor.kind !== 'user') throw usersOnly('change their password');
      try {
        await changeOwnPassword(ctx.db, ctx.scope, { currentPassword, newPassword, sessionId: ctx.caller.sessionId ?? null });
      } catch (error) {
        // HTTP 429 with Retry-After, as for every other limit.
        if (error instanceof TooManyAttemptsError) throw rateLimited(error.message, Math.ceil(error.retryAfterMs / 1000));
        throw error;
      }
      return true;
    },
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
