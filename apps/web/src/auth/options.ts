// next-auth configuration: a credentials provider backed by @probity/db's throttled password check,
// and encrypted JWT sessions that carry who the user is and which organization they act for.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { endSession, signInWithPassword, startSession } from '@probity/db/sign-in';
import { TEXT_LIMITS } from '@probity/db/limits';
import { env } from '../env.ts';
import { database } from '../server/database.ts';
import { clientIpFromHeaders } from './client-ip.ts';
import { sessionUserFromToken, type SessionUser } from './session-user.ts';

export function authOptions(): NextAuthOptions {
  const config = env();
  return {
    secret: config.nextAuthSecret,
    useSecureCookies: config.https,
    session: { strategy: 'jwt', maxAge: config.sessionMaxAgeSeconds, updateAge: config.sessionMaxAgeSeconds },
    jwt: { maxAge: config.sessionMaxAgeSeconds },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, request) {
          const email = credentials?.email ?? '';
          const password = credentials?.password ?? '';
          if (!email || !password || email.length > TEXT_LIMITS.email || password.length > TEXT_LIMITS.password) return null;
          const ip = clientIpFromHeaders((request?.headers ?? {}) as Record<string, string | undefined>, config.trustedProxies);
          const result = await signInWithPassword(database(), { email, password, ip });
          // 'invalid' and 'throttled' end the same way: one generic message, nothing to tell them apart.
          if (!result.ok) return null;
          // A server-side session: the cookie only names it, so signing out ends it for good (L1).
          const session = await startSession(database(), { userId: result.user.id, maxAgeSeconds: config.sessionMaxAgeSeconds });
          const membership = result.user.memberships.find((m) => m.organizationId === session?.organizationId);
          if (!session || !membership) return null;
          const user: SessionUser = {
            userId: result.user.id,
            email: result.user.email,
            name: result.user.name,
            organizationId: membership.organizationId,
            organizationName: membership.organizationName,
            role: membership.role,
            signedInAt: Math.floor(Date.now() / 1000),
            sessionId: session.sessionId,
          };
          return { id: user.userId, ...user };
        },
      }),
    ],
    events: {
      async signOut({ token }) {
        const user = sessionUserFromToken(token);
        if (user) await endSession(database(), user.sessionId);
      },
    },
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const signedIn = user as unknown as SessionUser;
          return {
            sub: signedIn.userId,
            email: signedIn.email,
            name: signedIn.name,
            userId: signedIn.userId,
            organizationId: signedIn.organizationId,
            organizationName: signedIn.organizationName,
            role: signedIn.role,
            signedInAt: signedIn.signedInAt,
            sessionId: signedIn.sessionId,
          };
        }
        return token;
      },
      session({ session, token }) {
        const user = sessionUserFromToken(token);
        return {
          ...session,
          user: user ? { name: user.name, email: user.email, role: user.role, organizationName: user.organizationName } : undefined,
        };
      },
    },
  };
}
