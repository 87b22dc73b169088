// Who is signed in, as carried in the encrypted session token. Kept apart from the next-auth options
// so that pages can read the session without pulling the sign-in code (and its database) in.
import type { Role } from '@probity/auth';
import { env } from '../env.ts';

/** What the session knows about the signed-in user (also the JWT's custom claims). */
export interface SessionUser {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
  organizationName: string;
  role: Role;
  /** Seconds since the epoch; sessions end `PROBITY_SESSION_MAX_AGE` after this, however active. */
  signedInAt: number;
  /** The server-side session (table sessions): signing out ends it, whatever happens to the cookie. */
  sessionId: string;
}

/** The session user carried by a decoded token, or null when the token is incomplete or past its absolute lifetime. */
export function sessionUserFromToken(
  token: Record<string, unknown> | null | undefined,
  now = Date.now(),
  maxAgeSeconds = env().sessionMaxAgeSeconds,
): SessionUser | null {
  if (!token) return null;
  const { userId, email, name, organizationId, organizationName, role, signedInAt, sessionId } = token;
  if (typeof userId !== 'string' || typeof organizationId !== 'string' || typeof signedInAt !== 'number') return null;
  if (typeof sessionId !== 'string') return null;
  if (typeof email !== 'string' || typeof name !== 'string' || typeof organizationName !== 'string' || typeof role !== 'string')
    return null;
  if (!['ADMIN', 'RISK_OFFICER', 'ANALYST', 'VIEWER'].includes(role)) return null;
  if ((signedInAt + maxAgeSeconds) * 1000 <= now) return null;
  return { userId, email, name, organizationId, organizationName, role: role as Role, signedInAt, sessionId };
}
