// Establishes who is calling from the Authorization header: an API key (pb_...) or a short-lived
// service token minted by the web server for a signed-in user. Either way the organization comes from
// our own records, never from the request body.
import { roleForScopes, verifyServiceToken, type Role } from '@probity/auth';
import { currentMembership, resolveApiKey, type Actor, type Database } from '@probity/db';

export interface Caller {
  organizationId: string;
  role: Role;
  actor: Actor;
  name: string;
  email: string | null;
}

export async function resolveCaller(db: Database, authorization: string | undefined, serviceTokenSecret: string): Promise<Caller | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  const credential = match?.[1];
  if (!credential) return null;
  if (credential.startsWith('pb_')) {
    const key = await resolveApiKey(db, credential);
    const role = key ? roleForScopes(key.scopes) : null;
    if (!key || !role) return null;
    return {
      organizationId: key.organizationId,
      role,
      actor: { kind: 'apiKey', apiKeyId: key.apiKeyId },
      name: `API key ${credential.slice(0, 11)}`,
      email: null,
    };
  }
  const claims = await verifyServiceToken(credential, serviceTokenSecret);
  if (!claims) return null;
  // Re-read the membership on every call so a removed member or a disabled user loses access at once.
  const membership = await currentMembership(db, claims.userId, claims.organizationId);
  if (!membership) return null;
  return {
    organizationId: claims.organizationId,
    role: membership.role,
    actor: { kind: 'user', userId: claims.userId },
    name: membership.name,
    email: membership.email,
  };
}
