// Sign-in throttling, keyed by account AND source together, so a stranger guessing from elsewhere slows
// down only themselves and never locks the real user out:
// - per (account, source): LOGIN_THROTTLE.freeFailures tries, then each further try must wait a delay
//   that doubles with every failure (1 s, 2 s, 4 s … up to 15 min); a try refused while waiting counts
//   as a failure too; a success from that source clears them.
// - per source, across accounts (password spraying): at most maxSourceFailures in sourceWindowMs.
// Check and count are one step: under advisory locks on the account and the source, the attempt is
// counted as a failure before its password is checked (and turned into a success afterwards), so 40
// parallel tries cannot all slip past a count read before any of them finished.
import type { TransactionClient } from '../client.ts';

export const LOGIN_THROTTLE = {
  freeFailures: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  /** Failures older than this are forgotten. */
  windowMs: 60 * 60_000,
  maxSourceFailures: 50,
  sourceWindowMs: 10 * 60_000,
} as const;

/** How long after its latest failure an (account, source) pair with `failures` failures must wait. */
export function delayAfter(failures: number): number {
  if (failures < LOGIN_THROTTLE.freeFailures) return 0;
  return Math.min(LOGIN_THROTTLE.baseDelayMs * 2 ** (failures - LOGIN_THROTTLE.freeFailures), LOGIN_THROTTLE.maxDelayMs);
}

export type Reservation = { allowed: true; attemptId: string } | { allowed: false; retryAfterMs: number };

// Lock classes for pg_advisory_xact_lock(int, int): accounts and sources never share a key.
const ACCOUNT_LOCK = 7001;
const SOURCE_LOCK = 7002;

/**
 * Decides whether this try may check a password and, if so, records it (as a failure until
 * `markSucceeded`). Must run inside a transaction: the locks are held until it commits.
 */
export async function reserveAttempt(tx: TransactionClient, email: string, source: string, now: Date): Promise<Reservation> {
  // Always the account's lock first, then the source's: no two sign-ins can wait on each other.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ACCOUNT_LOCK}::int, hashtext(${email})), pg_advisory_xact_lock(${SOURCE_LOCK}::int, hashtext(${source}))`;
  const since = new Date(now.getTime() - LOGIN_THROTTLE.windowMs);
  const [pair] = await tx.$queryRaw<{ failures: bigint; last_failure: Date | null }[]>`
    SELECT count(*) AS failures, max(created_at) AS last_failure
      FROM login_attempts
     WHERE email = ${email} AND ip = ${source} AND NOT success AND created_at > ${since}
       AND created_at > coalesce((SELECT max(created_at) FROM login_attempts WHERE email = ${email} AND ip = ${source} AND success), '-infinity')`;
  const failures = Number(pair?.failures ?? 0);
  const wait = delayAfter(failures);
  if (wait > 0 && pair?.last_failure) {
    const retryAfterMs = pair.last_failure.getTime() + wait - now.getTime();
    if (retryAfterMs > 0) {
      // A refused try counts as a failure too: hammering a throttled pair keeps it throttled, longer
      // each time, instead of getting a fresh try every second.
      await tx.loginAttempt.create({ data: { email, ip: source, success: false, createdAt: now } });
      return { allowed: false, retryAfterMs: delayAfter(failures + 1) };
    }
  }
  const sourceSince = new Date(now.getTime() - LOGIN_THROTTLE.sourceWindowMs);
  const sourceFailures = await tx.loginAttempt.count({ where: { ip: source, success: false, createdAt: { gt: sourceSince } } });
  if (sourceFailures >= LOGIN_THROTTLE.maxSourceFailures) return { allowed: false, retryAfterMs: LOGIN_THROTTLE.sourceWindowMs };
  const attempt = await tx.loginAttempt.create({ data: { email, ip: source, success: false, createdAt: now }, select: { id: true } });
  return { allowed: true, attemptId: attempt.id };
}
