// The signed-in user, read on the server from the encrypted session cookie. Pages and server actions
// call requireSession(); without a valid, unexpired session they redirect to the sign-in page.
import 'server-only';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getToken } from 'next-auth/jwt';
import { env } from '../env.ts';
import { sessionUserFromToken, type SessionUser } from './session-user.ts';
import { signInRedirectPath } from './paths.ts';

export const currentSession = cache(async (): Promise<SessionUser | null> => {
  // Reading cookies first makes every signed-in page dynamic (never prerendered at build time).
  const cookieStore = await cookies();
  const config = env();
  const request = {
    headers: Object.fromEntries(await headers()),
    cookies: Object.fromEntries(cookieStore.getAll().map((cookie) => [cookie.name, cookie.value])),
  };
  const token = await getToken({ req: request as never, secret: config.nextAuthSecret, secureCookie: config.https });
  return sessionUserFromToken(token);
});

export async function requireSession(returnTo = '/portfolios'): Promise<SessionUser> {
  const session = await currentSession();
  if (!session) redirect(signInRedirectPath(returnTo));
  return session;
}
