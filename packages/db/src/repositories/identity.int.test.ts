import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, prismaOf, type Database } from '../client.ts';
import { createTenantFixture, type TenantFixture } from '../testing/tenant-fixture.ts';
import { LOGIN_THROTTLE, currentMembership, signInWithPassword } from './identity.ts';

let db: Database;
let t: TenantFixture;

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'idn', exposures: 1 });
});
afterAll(async () => db.close());

describe('password sign-in', () => {
  it('accepts the right password (any e-mail case) and returns the memberships', async () => {
    const result = await signInWithPassword(db, {
      email: t.users.ADMIN.email.toUpperCase(),
      password: t.users.ADMIN.password,
      ip: '10.0.0.1',
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.user.memberships).toEqual([expect.objectContaining({ organizationId: t.organizationId, role: 'ADMIN' })]);
  });

  it('refuses a wrong password and an unknown account with the same reason', async () => {
    expect(await signInWithPassword(db, { email: t.users.VIEWER.email, password: 'wrong password!', ip: '10.0.0.2' })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await signInWithPassword(db, { email: 'nobody@nowhere.example', password: 'whatever pass', ip: '10.0.0.2' })).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it(`locks an account after ${LOGIN_THROTTLE.maxFailures} failures in the window, even for the right password`, async () => {
    const { email, password } = t.users.ANALYST;
    for (let i = 0; i < LOGIN_THROTTLE.maxFailures; i += 1) {
      expect((await signInWithPassword(db, { email, password: `bad-${i}-password`, ip: `10.1.0.${i}` })).ok).toBe(false);
    }
    expect(await signInWithPassword(db, { email, password, ip: '10.9.9.9' })).toEqual({ ok: false, reason: 'throttled' });
    // Once the failures age out of the window, the right password works again.
    const later = new Date(Date.now() + LOGIN_THROTTLE.windowMs + 1000);
    expect((await signInWithPassword(db, { email, password, ip: '10.9.9.9' }, later)).ok).toBe(true);
  });

  it('throttles an IP address that fails against many accounts', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < LOGIN_THROTTLE.maxFailures; i += 1) {
      await signInWithPassword(db, { email: `spray-${i}@nowhere.example`, password: 'guess guess 1', ip });
    }
    expect(await signInWithPassword(db, { email: t.users.RISK_OFFICER.email, password: t.users.RISK_OFFICER.password, ip })).toEqual({
      ok: false,
      reason: 'throttled',
    });
    expect(
      (await signInWithPassword(db, { email: t.users.RISK_OFFICER.email, password: t.users.RISK_OFFICER.password, ip: '192.0.2.78' })).ok,
    ).toBe(true);
  });

  it('refuses a disabled user and drops their membership from current checks', async () => {
    const other = await createTenantFixture(inject('databaseUrl'), { label: 'idn-disabled', exposures: 1 });
    expect(await currentMembership(db, other.users.VIEWER.id, other.organizationId)).toEqual(expect.objectContaining({ role: 'VIEWER' }));
    await prismaOf(db).user.update({ where: { id: other.users.VIEWER.id }, data: { disabled: true } });
    expect(
      (await signInWithPassword(db, { email: other.users.VIEWER.email, password: other.users.VIEWER.password, ip: '10.3.3.3' })).ok,
    ).toBe(false);
    expect(await currentMembership(db, other.users.VIEWER.id, other.organizationId)).toBeNull();
    expect(await currentMembership(db, other.users.ADMIN.id, t.organizationId)).toBeNull();
  });
});
