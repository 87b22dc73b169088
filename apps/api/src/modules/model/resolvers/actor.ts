// "Who did it" for model records: a user, else an API key, else the platform itself (demo, jobs).
import type { ApiContext } from '../../../context/context.ts';
import type { ActorModel } from '../../mappers.ts';

export async function actorOf(ctx: ApiContext, userId: string | null, apiKeyId: string | null): Promise<ActorModel> {
  if (userId) {
    const user = await ctx.loaders.user.load(userId);
    return { kind: 'USER', id: userId, name: user ? `${user.name} <${user.email}>` : 'former member' };
  }
  if (apiKeyId) {
    const key = await ctx.loaders.apiKey.load(apiKeyId);
    return { kind: 'API_KEY', id: apiKeyId, name: key ? `${key.name} (${key.prefix})` : 'deleted API key' };
  }
  return { kind: 'SYSTEM', id: null, name: 'Probity' };
}

export const userOf = (ctx: ApiContext, id: string | null) => (id ? ctx.loaders.user.load(id) : null);
