// The nightly purge of sign-in records: dead sessions and old attempts older than the retention go,
// live sessions and recent attempts stay (a purge must never sign anyone out or reset a throttle).
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, prismaOf, type Database } from '../client.ts';
import { createTenantFixture, type TenantFixture } from '../testing/tenant-fixture.ts';
import { endSession, purgeSignInRecords, sessionView, SIGN_IN_RECORDS_RETENTION_DAYS, startSession } from './sessions.ts';

let db: Database;
let t: TenantFixture;
const DAY = 86_400_000;

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl') });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'purge', exposures: 1 });
});
afterAll(async () => db.close());

describe('purgeSignInRecords', () => {
  it('deletes sessions ended or expired before the retention and old attempts, and keeps everything live or recent', async () => {
    const now = new Date();
    const longAgo = new Date(now.getTime() - (SIGN_IN_RECORDS_RETENTION_DAYS + 5) * DAY);
    const userId = t.users.ANALYST.id;
    const live = (await startSession(db, { userId, maxAgeSeconds: 3600 }, now))!;
    const endedLongAgo = (await startSession(db, { userId, maxAgeSeconds: 3600 }, longAgo))!;
    await endSession(db, endedLongAgo.sessionId, longAgo);
    const expiredLongAgo = (await startSession(db, { userId, maxAgeSeconds: 60 }, longAgo))!;
    const endedYesterday = (await startSession(db, { userId, maxAgeSeconds: 3600 }, new Date(now.getTime() - DAY)))!;
    await endSession(db, endedYesterday.sessionId, new Date(now.getTime() - DAY));
    const email = `purge-${now.getTime()}@example.com`;
    const prisma = prismaOf(db);
    await prisma.loginAttempt.createMany({
      data: [
        { email, ip: '10.1.1.1', success: false, createdAt: longAgo },
        { email, ip: '10.1.1.1', success: false, createdAt: new Date(now.getTime() - 60_000) },
      ],
    });

    const purged = await purgeSignInRecords(db, {}, now);
    expect(purged.sessions).toBeGreaterThanOrEqual(2);
    expect(purged.loginAttempts).toBeGreaterThanOrEqual(1);
    const left = new Set((await prisma.session.findMany({ where: { userId }, select: { id: true } })).map((s) => s.id));
    expect(left.has(live.sessionId)).toBe(true);
    expect(left.has(endedYesterday.sessionId)).toBe(true);
    expect(left.has(endedLongAgo.sessionId)).toBe(false);
    expect(left.has(expiredLongAgo.sessionId)).toBe(false);
    expect(await sessionView(db, live.sessionId, now)).not.toBeNull();
    expect(await prisma.loginAttempt.count({ where: { email } })).toBe(1);
    await expect(purgeSignInRecords(db, { retentionDays: 0 }, now)).rejects.toThrow(/retentionDays/);
  });
});
