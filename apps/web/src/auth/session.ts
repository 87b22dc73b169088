// The signed-in user, read on the server from the encrypted session cookie. Pages and server actions
// call requireSession(); without a valid, unexpired session they redirect to the sign-in page.
import 'server-only';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getToken } from 'next-auth/jwt';
import { env } from '../env.ts';
import { sessionView, type SessionOrganization } from '@probity/db/sign-in';
import { database } from '../server/database.ts';
import { sessionUserFromToken, type SessionUser } from './session-user.ts';
import { signInRedirectPath } from './paths.ts';

/** The signed-in user as the server-side session says now (organization, role, forced password change). */
export interface CurrentSession extends SessionUser {
  mustChangePassword: boolean;
  /** Every organization the user can switch to. */
  organizations: SessionOrganization[];
}

export const currentSession = cache(async (): Promise<CurrentSession | null> => {
  // Reading cookies first makes every signed-in page dynamic (never prerendered at build time).
  const cookieStore = await cookies();
  const config = env();
  const request = {
    headers: Object.fromEntries(await headers()),
    cookies: Object.fromEntries(cookieStore.getAll().map((cookie) => [cookie.name, cookie.value])),
  };
  const token = await getToken({ req: request as never, secret: config.nextAuthSecret, secureCookie: config.https });
  const user = sessionUserFromToken(token);
  if (!user) return null;
  // The cookie alone is not enough: the session must still be live in the database (not signed out,
  // user and membership enabled). Organization and role come from there too (they can change).
  const live = await sessionView(database(), user.sessionId);
  if (!live || live.userId !== user.userId) return null;
  return {
    ...user,
    email: live.email,
    name: live.name,
    organizationId: live.organizationId,
    organizationName: live.organizationName,
    role: live.role,
    mustChangePassword: live.mustChangePassword,
    organizations: live.organizations,
  };
});

export async function requireSession(returnTo = '/portfolios'): Promise<CurrentSession> {
  const session = await currentSession();
  if (!session) redirect(signInRedirectPath(returnTo));
  return session;
}
