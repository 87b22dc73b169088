// Members of an organization, managed by its admins: invite (a new account gets a temporary password,
// shown once, that must be changed at first sign-in), change roles, disable and enable, remove. The
// organization always keeps at least one enabled admin: every change that could take the last one
// away locks the organization's admin memberships first, so two admins demoting each other at once
// cannot both succeed. Every change writes its audit row in the same transaction.
import { randomBytes } from 'node:crypto';
import { hashPassword, MIN_PASSWORD_LENGTH, ROLES, verifyPassword, type Role } from '@probity/auth';
import { prismaOf, type Database, type TransactionClient } from '../client.ts';
import type { Membership } from '../domain/entities.ts';
import { toMembership, USER_FIELDS } from '../domain/from-rows.ts';
import { TEXT_LIMITS } from '../domain/limits.ts';
import { ConflictError, InputError, NotFoundError, TooManyAttemptsError } from '../errors.ts';
import type { TenantScope } from '../scope.ts';
import { actAsTenant, withTenant } from '../tenant.ts';
import { text, uuid } from '../validate.ts';
import { recordAudit } from './audit.ts';
import { normaliseEmail } from './identity.ts';
import { endUserSessions } from './sessions.ts';
import { reserveAttempt } from './sign-in-throttle.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface InviteMemberInput {
  email: string;
  name: string;
  role: Role;
}

export interface InvitedMember {
  member: Membership;
  /** For a new account only: the one-time password to hand over (never stored, never shown again). */
  temporaryPassword: string | null;
}

function checkRole(field: string, role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) throw new InputError(field, `must be one of ${ROLES.join(', ')}`);
  return role as Role;
}

/** 18 random bytes in base64url: 24 characters, 144 bits. */
const temporaryPassword = () => randomBytes(18).toString('base64url');

export async function inviteMember(db: Database, scope: TenantScope, input: InviteMemberInput): Promise<InvitedMember> {
  const email = normaliseEmail(text('input.email', input.email, { min: 3, max: TEXT_LIMITS.email }));
  if (!EMAIL.test(email)) throw new InputError('input.email', 'must be an e-mail address');
  const name = text('input.name', input.name, { min: 1, max: TEXT_LIMITS.personName });
  const role = checkRole('input.role', input.role);
  // Hashing is slow on purpose: done before the transaction, used only if the account is new.
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);

  return prismaOf(db).$transaction(async (tx) => {
    // Users belong to no tenant: found or created as the owner, then the rest runs under RLS.
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, disabled: true } });
    if (existing?.disabled) throw new ConflictError('input.email', 'this account is disabled; ask the operator of this installation');
    const userId = existing
      ? existing.id
      : (await tx.user.create({ data: { email, name, passwordHash, mustChangePassword: true }, select: { id: true } })).id;
    await actAsTenant(tx, scope.organizationId);
    const already = await tx.membership.findUnique({ where: { userId_organizationId: { userId, organizationId: scope.organizationId } } });
    if (already) throw new ConflictError('input.email', `${email} is already a member`);
    const member = toMembership(
      await tx.membership.create({
        data: { organizationId: scope.organizationId, userId, role },
        include: { user: { select: USER_FIELDS } },
      }),
    );
    await recordAudit(tx, scope, {
      action: 'member.invite',
      entityType: 'Membership',
      entityId: member.id,
      after: { ...member, newAccount: !existing },
    });
    return { member, temporaryPassword: existing ? null : password };
  });
}

/** Locks the organization's enabled admin memberships for the rest of the transaction; their user ids. */
async function lockAdmins(tx: TransactionClient, organizationId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ user_id: string }[]>`
    SELECT user_id::text FROM memberships
     WHERE organization_id = ${organizationId}::uuid AND role = 'ADMIN' AND NOT disabled
     ORDER BY id FOR UPDATE`;
  return rows.map((row) => row.user_id);
}

async function findMember(tx: TransactionClient, scope: TenantScope, userId: string) {
  const row = await tx.membership.findUnique({
    where: { userId_organizationId: { userId, organizationId: scope.organizationId } },
    include: { user: { select: USER_FIELDS } },
  });
  if (!row) throw new NotFoundError('Member');
  return toMembership(row);
}

function refuseLastAdmin(admins: string[], member: Membership, field: string, what: string): void {
  if (member.role === 'ADMIN' && !member.disabled && admins.length <= 1 && admins.includes(member.user.id)) {
    throw new ConflictError(field, `the organization's last admin cannot be ${what}; make another member admin first`);
  }
}

export async function changeMemberRole(db: Database, scope: TenantScope, userId: string, role: Role): Promise<Membership> {
  const id = uuid('userId', userId);
  const newRole = checkRole('role', role);
  return withTenant(db, scope, async (tx) => {
    const admins = await lockAdmins(tx, scope.organizationId);
    const before = await findMember(tx, scope, id);
    if (before.role === newRole) return before;
    if (newRole !== 'ADMIN') refuseLastAdmin(admins, before, 'role', 'demoted');
    const after = toMembership(
      await tx.membership.update({ where: { id: before.id }, data: { role: newRole }, include: { user: { select: USER_FIELDS } } }),
    );
    await recordAudit(tx, scope, { action: 'member.role', entityType: 'Membership', entityId: before.id, before, after });
    return after;
  });
}

export async function setMemberDisabled(db: Database, scope: TenantScope, userId: string, disabled: boolean): Promise<Membership> {
  const id = uuid('userId', userId);
  return withTenant(db, scope, async (tx) => {
    const admins = await lockAdmins(tx, scope.organizationId);
    const before = await findMember(tx, scope, id);
    if (before.disabled === disabled) return before;
    if (disabled) refuseLastAdmin(admins, before, 'disabled', 'disabled');
    const after = toMembership(
      await tx.membership.update({ where: { id: before.id }, data: { disabled }, include: { user: { select: USER_FIELDS } } }),
    );
    await recordAudit(tx, scope, {
      action: disabled ? 'member.disable' : 'member.enable',
      entityType: 'Membership',
      entityId: before.id,
      before,
      after,
    });
    return after;
  });
}

/** Removes a membership (the account stays: it may belong to other organizations). */
export async function removeMember(db: Database, scope: TenantScope, userId: string): Promise<Membership> {
  const id = uuid('userId', userId);
  return withTenant(db, scope, async (tx) => {
    const admins = await lockAdmins(tx, scope.organizationId);
    const before = await findMember(tx, scope, id);
    refuseLastAdmin(admins, before, 'userId', 'removed');
    await tx.membership.delete({ where: { id: before.id } });
    await recordAudit(tx, scope, { action: 'member.remove', entityType: 'Membership', entityId: before.id, before });
    return before;
  });
}

/**
 * A user changes their own password: the current one must be right, the new one at least
 * MIN_PASSWORD_LENGTH characters and different. Clears the must-change flag of a temporary password
 * and ends the user's other sessions; audited in the organization the user acts for.
 * Wrong current passwords are throttled like sign-ins (sign-in-throttle.ts), keyed by the user, so a
 * stolen session cannot guess the password behind it at hashing speed.
 */
export async function changeOwnPassword(
  db: Database,
  scope: TenantScope,
  input: { currentPassword: string; newPassword: string; sessionId?: string | null },
  now = new Date(),
): Promise<void> {
  if (scope.actor.kind !== 'user') throw new InputError('currentPassword', 'only a signed-in user has a password to change');
  const userId = scope.actor.userId;
  const newPassword = input.newPassword;
  if (typeof newPassword !== 'string' || newPassword.length < MIN_PASSWORD_LENGTH || newPassword.length > TEXT_LIMITS.password) {
    throw new InputError('newPassword', `must be ${MIN_PASSWORD_LENGTH} to ${TEXT_LIMITS.password} characters`);
  }
  if (newPassword === input.currentPassword) throw new InputError('newPassword', 'must differ from the current password');
  const user = await prismaOf(db).user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true, disabled: true } });
  if (!user || user.disabled) throw new NotFoundError('User');
  const reservation = await prismaOf(db).$transaction((tx) => reserveAttempt(tx, user.email, `password-change:${userId}`, now), {
    maxWait: 10_000,
    timeout: 10_000,
  });
  if (!reservation.allowed) throw new TooManyAttemptsError('currentPassword', reservation.retryAfterMs);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new InputError('currentPassword', 'is not correct');
  await prismaOf(db).loginAttempt.update({ where: { id: reservation.attemptId }, data: { success: true } });
  const passwordHash = await hashPassword(newPassword);
  await prismaOf(db).$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false } });
    await actAsTenant(tx, scope.organizationId);
    await recordAudit(tx, scope, { action: 'user.password.change', entityType: 'User', entityId: userId });
  });
  await endUserSessions(db, userId, { except: input.sessionId ?? undefined });
}
