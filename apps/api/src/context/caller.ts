// Establishes who is calling from the Authorization header: an API key (pb_...) or a short-lived
// service token minted by the web server for a signed-in user. Either way the organization comes from
// our own records, never from the request body.
import { roleForKey, verifyServiceToken, type Role } from '@probity/auth';
import { currentMembership, liveSessionMembership, resolveApiKey, type Actor, type Database } from '@probity/db';
import type { CredentialCache } from './credential-cache.ts';

export interface Caller {
  organizationId: string;
  role: Role;
  actor: Actor;
  name: string;
  email: string | null;
  /** The dashboard session behind a user's service token (ended by sign-out). */
  sessionId?: string;
  /** A temporary password is still in use: only changeMyPassword is allowed until it is changed. */
  mustChangePassword?: boolean;
}

/** Looks credentials up in the database; the cache (credential-cache.ts) decides when to ask. */
const uncached: Pick<CredentialCache, 'resolve'> = { resolve: async (_key, lookup) => (await lookup())?.caller ?? null };

export async function resolveCaller(
  db: Database,
  authorization: string | undefined,
  serviceTokenSecret: string,
  cache: Pick<CredentialCache, 'resolve'> = uncached,
): Promise<Caller | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  const credential = match?.[1];
  if (!credential) return null;
  if (credential.startsWith('pb_')) {
    return cache.resolve(`key:${credential}`, async () => {
      const key = await resolveApiKey(db, credential);
      // At most its creator's current role: a demoted admin's keys are demoted with them.
      const role = key ? roleForKey(key.scopes, key.creatorRole) : null;
      if (!key || !role) return null;
      const caller: Caller = {
        organizationId: key.organizationId,
        role,
        actor: { kind: 'apiKey', apiKeyId: key.apiKeyId },
        name: `API key ${credential.slice(0, 11)}`,
        email: null,
      };
      return { caller, validUntil: key.expiresAt };
    });
  }
  const claims = await verifyServiceToken(credential, serviceTokenSecret);
  if (!claims) return null;
  // The membership is re-read (or taken from the cache, which every change to users and memberships
  // empties) so a removed member or a disabled user loses access at once.
  // A token minted for a dashboard session also needs that session to be live (not signed out).
  const { sessionId } = claims;
  return cache.resolve(`member:${claims.userId}:${claims.organizationId}:${sessionId ?? ''}`, async () => {
    const membership = sessionId
      ? await liveSessionMembership(db, { sessionId, userId: claims.userId, organizationId: claims.organizationId })
      : await currentMembership(db, claims.userId, claims.organizationId);
    if (!membership) return null;
    const caller: Caller = {
      organizationId: claims.organizationId,
      role: membership.role,
      actor: { kind: 'user', userId: claims.userId },
      name: membership.name,
      email: membership.email,
      ...(sessionId ? { sessionId } : {}),
      ...('mustChangePassword' in membership && membership.mustChangePassword ? { mustChangePassword: true } : {}),
    };
    return { caller };
  });
}
