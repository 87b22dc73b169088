// Sign-in and membership lookups. These run with system access because they happen before a tenant
// is known; they return only what the caller needs to build a session.
import { burnPasswordCheck, verifyPassword, type Role } from '@probity/auth';
import { prismaOf, type Database } from '../client.ts';
import type { Membership, User } from '../domain/entities.ts';
import { toMembership, toUser, USER_FIELDS } from '../domain/from-rows.ts';
import { validUuids } from '../ids.ts';
import { creationOrder, mapNodes, resolvePage, toConnection, type Connection, type PageArgs } from '../pagination.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { reserveAttempt } from './sign-in-throttle.ts';

export { LOGIN_THROTTLE } from './sign-in-throttle.ts';

export interface MembershipView {
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  role: Role;
}

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  memberships: MembershipView[];
}

export type SignInResult = { ok: true; user: AuthenticatedUser } | { ok: false; reason: 'invalid' | 'throttled' };

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/**
 * Checks a password sign-in, throttled per account and source together (see sign-in-throttle.ts).
 * Every answer costs the same: the user is looked up and a password hash verified (a dummy one when
 * the account is missing, disabled or the try is throttled), so timing tells nothing. Callers must show
 * the same message for 'invalid' and 'throttled'.
 */
export async function signInWithPassword(
  db: Database,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const source = input.ip || 'unknown';
  const prisma = prismaOf(db);
  const [user, reservation] = await Promise.all([
    prisma.user.findUnique({
      where: { email },
      include: { memberships: { include: { organization: true }, orderBy: { createdAt: 'asc' } } },
    }),
    prisma.$transaction((tx) => reserveAttempt(tx, email, source, now), { maxWait: 10_000, timeout: 10_000 }),
  ]);
  const checkable = reservation.allowed && user && !user.disabled;
  const passwordOk = checkable ? await verifyPassword(user.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!reservation.allowed) return { ok: false, reason: 'throttled' };
  const ok = Boolean(user && !user.disabled && passwordOk && user.memberships.length > 0);
  if (!ok || !user) return { ok: false, reason: 'invalid' };
  await prisma.$transaction([
    prisma.loginAttempt.update({ where: { id: reservation.attemptId }, data: { success: true } }),
    prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } }),
  ]);
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      memberships: user.memberships.map((m) => ({
        organizationId: m.organizationId,
        organizationName: m.organization.name,
        organizationSlug: m.organization.slug,
        role: m.role,
      })),
    },
  };
}

/**
 * The role a user holds in an organization right now, or null when the user is disabled or not a
 * member. The API calls this per request, so revoked access takes effect immediately.
 */
export async function currentMembership(
  db: Database,
  userId: string,
  organizationId: string,
): Promise<{ role: Role; email: string; name: string } | null> {
  if (validUuids([userId, organizationId]).length !== 2) return null;
  const membership = await prismaOf(db).membership.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    include: { user: { select: { disabled: true, email: true, name: true } } },
  });
  if (!membership || membership.disabled || membership.user.disabled) return null;
  return { role: membership.role, email: membership.user.email, name: membership.user.name };
}

/** Users by id as seen from a tenant (only members of that tenant are visible). */
export async function usersByIds(db: Database, scope: TenantScope, ids: readonly string[]): Promise<(User | null)[]> {
  const rows = await withTenant(db, scope, (tx) => tx.user.findMany({ where: { id: { in: validUuids(ids) } }, select: USER_FIELDS }));
  const byId = new Map(rows.map((row) => [row.id, toUser(row)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Members in the order they joined (keyset: joined time, then id). */
export async function listMembers(db: Database, scope: TenantScope, args: PageArgs = {}): Promise<Connection<Membership>> {
  const page = resolvePage(args, 50);
  const order = creationOrder(page, 'asc');
  const where = { organizationId: scope.organizationId };
  return withTenant(db, scope, async (tx) => {
    const [rows, total] = await Promise.all([
      tx.membership.findMany({
        where: { AND: [where, order.where] },
        include: { user: { select: USER_FIELDS } },
        orderBy: order.orderBy,
        take: page.take,
      }),
      tx.membership.count({ where }),
    ]);
    return mapNodes(toConnection(rows, page, order.cursorOf, total), toMembership);
  });
}
