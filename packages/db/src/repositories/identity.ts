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

export const LOGIN_THROTTLE = { maxFailures: 10, windowMs: 10 * 60_000 } as const;

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

async function recentFailures(db: Database, email: string, ip: string, since: Date) {
  const [byEmail, byIp] = await Promise.all([
    prismaOf(db).loginAttempt.count({ where: { email, success: false, createdAt: { gte: since } } }),
    prismaOf(db).loginAttempt.count({ where: { ip, success: false, createdAt: { gte: since } } }),
  ]);
  return { byEmail, byIp };
}

/**
 * Checks a password sign-in. After LOGIN_THROTTLE.maxFailures failures for the account or from the IP
 * within the window, further tries are refused (without checking the password) until old failures
 * age out. Callers must show the same message for 'invalid' and 'throttled'.
 */
export async function signInWithPassword(
  db: Database,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const ip = input.ip || 'unknown';
  const since = new Date(now.getTime() - LOGIN_THROTTLE.windowMs);
  const failures = await recentFailures(db, email, ip, since);
  if (failures.byEmail >= LOGIN_THROTTLE.maxFailures || failures.byIp >= LOGIN_THROTTLE.maxFailures) {
    return { ok: false, reason: 'throttled' };
  }
  const user = await prismaOf(db).user.findUnique({
    where: { email },
    include: { memberships: { include: { organization: true }, orderBy: { createdAt: 'asc' } } },
  });
  const passwordOk =
    user && !user.disabled ? await verifyPassword(user.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);
  const ok = Boolean(user && !user.disabled && passwordOk && user.memberships.length > 0);
  await prismaOf(db).loginAttempt.create({ data: { email, ip, success: ok, createdAt: now } });
  if (!ok || !user) return { ok: false, reason: 'invalid' };
  await prismaOf(db).user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
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
