// Members, end to end through GraphQL: an admin invites a person (temporary password shown once and
// required to be changed), changes roles, disables and removes members; the last admin cannot be
// demoted, disabled or removed (not even by two admins racing); every step is audited in the same
// transaction, a refused step writes nothing. Sessions (L1): a disabled or removed member ends the
// dashboard session's access at once; a sign-out as soon as the database's notification reaches the API.
// An API key follows the person who created it: never above their role, and not while they are disabled
// or removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signServiceToken } from '@probity/auth';
import { createApiKey, endSession, listAuditLog, LOGIN_THROTTLE, sessionView, signInWithPassword, startSession } from '@probity/db';
import { msUntil } from './api-processes.ts';
import { SERVICE_SECRET, startHarness, tenantWithKeys, type Harness, type TenantWithKeys } from './harness.ts';

const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { temporaryPassword member { role disabled user { id email name } } } }`;
const ROLE = `mutation($userId: ID!, $role: Role!) { changeMemberRole(userId: $userId, role: $role) { role } }`;
const DISABLE = `mutation($userId: ID!, $disabled: Boolean!) { setMemberDisabled(userId: $userId, disabled: $disabled) { disabled } }`;
const REMOVE = `mutation($userId: ID!) { removeMember(userId: $userId) { user { id } } }`;
const PASSWORD = `mutation($current: String!, $next: String!) { changeMyPassword(currentPassword: $current, newPassword: $next) }`;

describe('members', () => {
  let h: Harness;
  let t: TenantWithKeys;
  // No person behind it (created by the system), so demoting or removing the fixture's admin, as these
  // tests do, leaves it an admin key.
  let adminKey: string;

  beforeAll(async () => {
    h = await startHarness();
    t = await tenantWithKeys(h.db, 'members');
    adminKey = (await createApiKey(h.db, scope(), { name: 'system admin key', scopes: ['ADMIN'] })).key;
  });
  afterAll(async () => h.close());

  const scope = () => ({ organizationId: t.organizationId, actor: { kind: 'system' as const, name: 'test' } });
  const actions = async (entityId?: string) =>
    (await listAuditLog(h.db, scope(), { first: 100, ...(entityId ? { filter: { entityId } } : {}) })).nodes.map((n) => n.action);
  const sessionToken = async (userId: string, sessionId: string) =>
    signServiceToken({ userId, organizationId: t.organizationId, sessionId }, SERVICE_SECRET);

  async function invite(email: string, role = 'ANALYST') {
    const res = await h.call<{ inviteMember: { temporaryPassword: string | null; member: { role: string; user: { id: string } } } }>(
      INVITE,
      { input: { email, name: 'New Person', role } },
      adminKey,
    );
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    return res.body.data!.inviteMember;
  }

  it('invites a new person with a one-time password that must be changed before anything else', async () => {
    const email = `new.person+${Date.now()}@example.com`;
    const invited = await invite(email);
    expect(invited.temporaryPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(invited.member.role).toBe('ANALYST');
    const userId = invited.member.user.id;
    const again = await h.call(INVITE, { input: { email: email.toUpperCase(), name: 'Twice', role: 'VIEWER' } }, adminKey);
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.email' });

    const signedIn = await signInWithPassword(h.db, { email, password: invited.temporaryPassword!, ip: '10.9.9.9' });
    expect(signedIn.ok).toBe(true);
    const session = await startSession(h.db, { userId, maxAgeSeconds: 3600 });
    const token = await sessionToken(userId, session!.sessionId);
    const blocked = await h.call('{ portfolios { totalCount } }', {}, token);
    expect(blocked.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' });

    const wrong = await h.call(PASSWORD, { current: 'not-it-at-all', next: 'a-brand-new-password' }, token);
    expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const short = await h.call(PASSWORD, { current: invited.temporaryPassword, next: 'short' }, token);
    expect(short.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const changed = await h.call(PASSWORD, { current: invited.temporaryPassword, next: 'a-brand-new-password' }, token);
    expect(changed.body.data).toEqual({ changeMyPassword: true });
    expect(
      (await h.call<{ portfolios: { totalCount: number } }>('{ portfolios { totalCount } }', {}, token)).body.data?.portfolios.totalCount,
    ).toBe(1);
    expect((await signInWithPassword(h.db, { email, password: invited.temporaryPassword!, ip: '10.9.9.9' })).ok).toBe(false);
    expect((await signInWithPassword(h.db, { email, password: 'a-brand-new-password', ip: '10.9.9.9' })).ok).toBe(true);
    expect(await actions()).toEqual(expect.arrayContaining(['member.invite', 'user.password.change']));
  });

  it('throttles wrong current passwords in a password change, as sign-in does (429, and the right one waits too)', async () => {
    const email = `guessed+${Date.now()}@example.com`;
    const invited = await invite(email);
    const userId = invited.member.user.id;
    const session = await startSession(h.db, { userId, maxAgeSeconds: 3600 });
    const token = await sessionToken(userId, session!.sessionId);
    for (let i = 0; i < LOGIN_THROTTLE.freeFailures; i += 1) {
      const wrong = await h.call(PASSWORD, { current: `guess-number-${i}`, next: 'a-brand-new-password' }, token);
      expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    }
    const throttled = await h.call(PASSWORD, { current: invited.temporaryPassword, next: 'a-brand-new-password' }, token);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(throttled.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await signInWithPassword(h.db, { email, password: invited.temporaryPassword!, ip: '10.9.9.8' })).ok).toBe(true);
  });

  it('adds a person who already has an account without a new password', async () => {
    const other = await tenantWithKeys(h.db, 'members-other');
    const res = await h.call<{ inviteMember: { temporaryPassword: string | null } }>(
      INVITE,
      { input: { email: other.users.RISK_OFFICER.email, name: 'Ignored', role: 'VIEWER' } },
      adminKey,
    );
    expect(res.body.data?.inviteMember.temporaryPassword).toBeNull();
  });

  it('changes roles, and never lets the last admin be demoted, disabled or removed, writing nothing when refused', async () => {
    const admin = t.users.ADMIN.id;
    const auditBefore = (await actions()).length;
    for (const [query, variables, field] of [
      [ROLE, { userId: admin, role: 'VIEWER' }, 'role'],
      [DISABLE, { userId: admin, disabled: true }, 'disabled'],
      [REMOVE, { userId: admin }, 'userId'],
    ] as const) {
      const res = await h.call(query, variables, adminKey);
      expect(res.body.errors?.[0]?.extensions, query).toMatchObject({ code: 'CONFLICT', field });
      expect(res.body.errors?.[0]?.message).toMatch(/last admin/);
    }
    expect((await actions()).length).toBe(auditBefore);

    const promoted = await h.call(ROLE, { userId: t.users.RISK_OFFICER.id, role: 'ADMIN' }, adminKey);
    expect(promoted.body.data).toEqual({ changeMemberRole: { role: 'ADMIN' } });
    // Two admins demoting each other at the same moment: exactly one wins.
    const [a, b] = await Promise.all([
      h.call(ROLE, { userId: admin, role: 'ANALYST' }, adminKey),
      h.call(ROLE, { userId: t.users.RISK_OFFICER.id, role: 'ANALYST' }, adminKey),
    ]);
    expect([a, b].filter((r) => !r.body.errors).length).toBe(1);
    expect([a, b].filter((r) => r.body.errors?.[0]?.extensions?.code === 'CONFLICT').length).toBe(1);
    const members = await h.call<{ members: { nodes: { role: string; disabled: boolean }[] } }>(
      '{ members(first: 50) { nodes { role disabled } } }',
      {},
      adminKey,
    );
    expect(members.body.data!.members.nodes.filter((m) => m.role === 'ADMIN' && !m.disabled)).toHaveLength(1);
    expect(await actions()).toEqual(expect.arrayContaining(['member.role']));
  });

  it('is for admins only', async () => {
    for (const key of [t.keys.read, t.keys.write]) {
      const res = await h.call(ROLE, { userId: t.users.VIEWER.id, role: 'ADMIN' }, key);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('ends a session at sign-out, and when the member is disabled or removed (L1)', async () => {
    const viewer = t.users.VIEWER.id;
    const analyst = t.users.ANALYST.id;
    const [s1, s2, s3] = await Promise.all([
      startSession(h.db, { userId: viewer, maxAgeSeconds: 3600 }),
      startSession(h.db, { userId: viewer, maxAgeSeconds: 3600 }),
      startSession(h.db, { userId: analyst, maxAgeSeconds: 3600 }),
    ]);
    const [t1, t2, t3] = await Promise.all([
      sessionToken(viewer, s1!.sessionId),
      sessionToken(viewer, s2!.sessionId),
      sessionToken(analyst, s3!.sessionId),
    ]);
    for (const token of [t1, t2, t3]) expect((await h.call('{ portfolios { totalCount } }', {}, token)).status).toBe(200);

    // Sign-out ends the session in the database (the dashboard's server does it, not this API process),
    // so the API hears of it by the database's notification, which empties its credential cache: the
    // token is refused as soon as that arrives (polled; CI once answered one request before it did).
    const signedOut = Date.now();
    await endSession(h.db, s1!.sessionId);
    expect(await sessionView(h.db, s1!.sessionId)).toBeNull();
    expect(await msUntil(async () => (await h.call('{ portfolios { totalCount } }', {}, t1)).status === 401, signedOut, 10)).toBeLessThan(
      1_000,
    );
    expect((await h.call('{ portfolios { totalCount } }', {}, t2)).status).toBe(200);

    expect((await h.call(DISABLE, { userId: viewer, disabled: true }, adminKey)).body.errors).toBeUndefined();
    expect(await sessionView(h.db, s2!.sessionId)).toBeNull();
    expect((await h.call('{ portfolios { totalCount } }', {}, t2)).status).toBe(401);
    expect((await h.call(DISABLE, { userId: viewer, disabled: false }, adminKey)).body.errors).toBeUndefined();
    expect((await h.call('{ portfolios { totalCount } }', {}, t2)).status).toBe(200);

    expect((await h.call(REMOVE, { userId: analyst }, adminKey)).body.errors).toBeUndefined();
    expect((await h.call('{ portfolios { totalCount } }', {}, t3)).status).toBe(401);
    expect(await actions()).toEqual(expect.arrayContaining(['member.disable', 'member.enable', 'member.remove']));
  });

  it("keeps an API key to its creator's access: never above their role, and not once they are disabled or removed", async () => {
    const CREATE_KEY = `mutation($name: String!) { createApiKey(input: { name: $name, scopes: [ADMIN] }) { secret apiKey { createdBy { id } } } }`;
    const ADMIN_ONLY = '{ apiKeys(first: 1) { totalCount } }';
    // The fixture's viewer, made an admin: another admin stays whatever the tests above left.
    const owner = t.users.VIEWER.id;
    expect((await h.call(ROLE, { userId: owner, role: 'ADMIN' }, adminKey)).body.errors).toBeUndefined();
    type Created = { createApiKey: { secret: string; apiKey: { createdBy: { id: string } | null } } };
    const made = await h.call<Created>(CREATE_KEY, { name: 'owner key' }, await t.token('VIEWER'));
    expect(made.body.errors).toBeUndefined();
    const key = made.body.data!.createApiKey.secret;
    // A key created by that key is the same person's.
    const child = await h.call<Created>(CREATE_KEY, { name: 'child key' }, key);
    expect(child.body.data!.createApiKey.apiKey.createdBy).toEqual({ id: owner });
    const childKey = child.body.data!.createApiKey.secret;
    const code = async (credential: string) => {
      const res = await h.call(ADMIN_ONLY, {}, credential);
      return res.status === 401 ? 'UNAUTHENTICATED' : (res.body.errors?.[0]?.extensions?.code ?? 'OK');
    };
    // Both keys answer `expected` as soon as the database's notification empties the credential cache.
    const both = async (expected: string) => {
      const since = Date.now();
      const ms = await msUntil(async () => (await code(key)) === expected && (await code(childKey)) === expected, since, 10);
      expect(ms, `both keys ${expected}`).toBeLessThan(1_000);
    };
    await both('OK');

    // Demoted: the ADMIN-scoped keys act as an analyst (reads and analyst work only).
    expect((await h.call(ROLE, { userId: owner, role: 'ANALYST' }, adminKey)).body.errors).toBeUndefined();
    await both('FORBIDDEN');
    expect((await h.call('{ portfolios { totalCount } }', {}, key)).status).toBe(200);

    // Disabled, then enabled again; then removed. The key list says which keys are suspended.
    const statuses = async () =>
      (
        await h.call<{ apiKeys: { nodes: { name: string; status: string }[] } }>(
          '{ apiKeys(first: 50) { nodes { name status } } }',
          {},
          adminKey,
        )
      ).body
        .data!.apiKeys.nodes.filter((k) => k.name === 'owner key' || k.name === 'child key')
        .map((k) => k.status);
    expect(await statuses()).toEqual(['ACTIVE', 'ACTIVE']);
    expect((await h.call(DISABLE, { userId: owner, disabled: true }, adminKey)).body.errors).toBeUndefined();
    await both('UNAUTHENTICATED');
    expect(await statuses()).toEqual(['SUSPENDED', 'SUSPENDED']);
    expect((await h.call(DISABLE, { userId: owner, disabled: false }, adminKey)).body.errors).toBeUndefined();
    expect((await h.call(ROLE, { userId: owner, role: 'ADMIN' }, adminKey)).body.errors).toBeUndefined();
    await both('OK');
    expect(await statuses()).toEqual(['ACTIVE', 'ACTIVE']);
    expect((await h.call(REMOVE, { userId: owner }, adminKey)).body.errors).toBeUndefined();
    await both('UNAUTHENTICATED');
    expect(await statuses()).toEqual(['SUSPENDED', 'SUSPENDED']);
  });
});
