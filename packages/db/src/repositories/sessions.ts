// Dashboard sessions, server-side. The session cookie carries only the session id; whether it still
// works is decided here on every page and every API call: not signed out, not expired, the user not
// disabled, the membership of the session's organization present and enabled. So signing out,
// disabling a user, or disabling or removing a membership ends the session at once. System access
// (the table has no tenant): these run before or beside any tenant scope.
import type { Role } from '@probity/auth';
import { prismaOf, type Database } from '../client.ts';
import { isUuid } from '../ids.ts';

export interface SessionOrganization {
  organizationId: string;
  organizationName: string;
  role: Role;
}

export interface SessionView {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  organizationId: string;
  organizationName: string;
  role: Role;
  mustChangePassword: boolean;
  expiresAt: Date;
  /** Every organization the user may switch to (enabled memberships), by name. */
  organizations: SessionOrganization[];
}

/**
 * Starts a session for a user who just proved their password, acting for their first enabled
 * membership (the one they joined first); null when they have none (they may not sign in).
 */
export async function startSession(
  db: Database,
  input: { userId: string; maxAgeSeconds: number },
  now = new Date(),
): Promise<{ sessionId: string; organizationId: string } | null> {
  if (!isUuid(input.userId)) return null;
  const first = await prismaOf(db).membership.findFirst({
    where: { userId: input.userId, disabled: false, user: { disabled: false } },
    orderBy: { createdAt: 'asc' },
    select: { organizationId: true },
  });
  if (!first) return null;
  const session = await prismaOf(db).session.create({
    data: { userId: input.userId, organizationId: first.organizationId, expiresAt: new Date(now.getTime() + input.maxAgeSeconds * 1000) },
    select: { id: true },
  });
  return { sessionId: session.id, organizationId: first.organizationId };
}

/** Ends a session (sign-out). Ending it twice, or an unknown id, is a no-op. */
export async function endSession(db: Database, sessionId: string, now = new Date()): Promise<void> {
  if (!isUuid(sessionId)) return;
  await prismaOf(db).session.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now } });
}

/** Ends every live session of a user (after a password change, except the one that made it). */
export async function endUserSessions(db: Database, userId: string, options: { except?: string } = {}, now = new Date()): Promise<number> {
  if (!isUuid(userId)) return 0;
  const { count } = await prismaOf(db).session.updateMany({
    where: { userId, endedAt: null, ...(options.except && isUuid(options.except) ? { id: { not: options.except } } : {}) },
    data: { endedAt: now },
  });
  return count;
}

/** The live session and who it acts as, or null when it is ended, expired or no longer allowed. */
export async function sessionView(db: Database, sessionId: string, now = new Date()): Promise<SessionView | null> {
  if (!isUuid(sessionId)) return null;
  const session = await prismaOf(db).session.findUnique({
    where: { id: sessionId },
    include: {
      user: {
        select: {
          email: true,
          name: true,
          disabled: true,
          mustChangePassword: true,
          memberships: { where: { disabled: false }, include: { organization: { select: { name: true } } } },
        },
      },
    },
  });
  if (!session || session.endedAt || session.expiresAt.getTime() <= now.getTime() || session.user.disabled) return null;
  const organizations = session.user.memberships
    .map((m) => ({ organizationId: m.organizationId, organizationName: m.organization.name, role: m.role }))
    .sort((a, b) => a.organizationName.localeCompare(b.organizationName));
  const current = organizations.find((o) => o.organizationId === session.organizationId);
  if (!current) return null;
  return {
    sessionId: session.id,
    userId: session.userId,
    email: session.user.email,
    name: session.user.name,
    organizationId: current.organizationId,
    organizationName: current.organizationName,
    role: current.role,
    mustChangePassword: session.user.mustChangePassword,
    expiresAt: session.expiresAt,
    organizations,
  };
}

/** Points a live session at another of the user's organizations; false when it may not. */
export async function switchSessionOrganization(
  db: Database,
  sessionId: string,
  organizationId: string,
  now = new Date(),
): Promise<boolean> {
  if (!isUuid(sessionId) || !isUuid(organizationId)) return false;
  const view = await sessionView(db, sessionId, now);
  if (!view || !view.organizations.some((o) => o.organizationId === organizationId)) return false;
  const { count } = await prismaOf(db).session.updateMany({ where: { id: sessionId, endedAt: null }, data: { organizationId } });
  return count === 1;
}

/**
 * What the API needs for a service token minted for a session: the role in the token's organization,
 * or null unless the session is live, belongs to the user and acts for that organization.
 */
export async function liveSessionMembership(
  db: Database,
  input: { sessionId: string; userId: string; organizationId: string },
  now = new Date(),
): Promise<{ role: Role; email: string; name: string; mustChangePassword: boolean } | null> {
  const view = await sessionView(db, input.sessionId, now);
  if (!view || view.userId !== input.userId || view.organizationId !== input.organizationId) return null;
  return { role: view.role, email: view.email, name: view.name, mustChangePassword: view.mustChangePassword };
}

/** How long ended or expired sessions and old sign-in attempts are kept (for investigations). */
export const SIGN_IN_RECORDS_RETENTION_DAYS = 30;

/**
 * Deletes sessions that ended or expired, and sign-in attempts made, more than `retentionDays` ago
 * (the nightly purge-sign-in-records job). The throttle reads attempts from the last hour only, and a
 * dead session can never come back, so neither is needed after that; without this both tables grow
 * by every sign-in forever.
 */
export async function purgeSignInRecords(
  db: Database,
  options: { retentionDays?: number } = {},
  now = new Date(),
): Promise<{ sessions: number; loginAttempts: number }> {
  const days = options.retentionDays ?? SIGN_IN_RECORDS_RETENTION_DAYS;
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`purgeSignInRecords: retentionDays must be a whole number of days ≥ 1, got ${days}`);
  const before = new Date(now.getTime() - days * 86_400_000);
  const prisma = prismaOf(db);
  const [sessions, loginAttempts] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { OR: [{ endedAt: { lt: before } }, { expiresAt: { lt: before } }] } }),
    prisma.loginAttempt.deleteMany({ where: { createdAt: { lt: before } } }),
  ]);
  return { sessions: sessions.count, loginAttempts: loginAttempts.count };
}
