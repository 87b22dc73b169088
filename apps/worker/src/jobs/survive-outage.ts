// A job cut off by a database outage (PostgreSQL stopped, restarted, unreachable) is not the job's
// fault. pg-boss could not even record the failure while the database is down, so the job would sit
// "active" until it expires. Instead the worker waits for the database (pinging with backoff) and, for
// an idempotent job, runs it again in place: the job completes exactly once, its effect is that of one
// run. A job that is not idempotent, or an outage longer than `maxWaitMs`, fails as usual and the
// queue's retry policy (or expiry, if the failure cannot be recorded) takes over: never lost.
import { isDatabaseUnavailable, ping, type Database } from '@probity/db';
import type { Logger } from '@probity/logging';

export interface OutagePolicy {
  /** Longest wait for the database before giving the job back to the queue. */
  maxWaitMs: number;
  /** Attempts in place, the first included. */
  maxAttempts: number;
}

export const DEFAULT_OUTAGE_POLICY: OutagePolicy = { maxWaitMs: 120_000, maxAttempts: 5 };

async function waitForDatabase(db: Database, maxWaitMs: number): Promise<boolean> {
  const deadline = Date.now() + maxWaitMs;
  let delay = 200;
  while (Date.now() < deadline) {
    try {
      await ping(db);
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 2_000);
    }
  }
  return false;
}

export async function surviveOutages<T>(
  run: () => Promise<T>,
  options: { db: Database; log: Logger; idempotent: boolean; policy?: OutagePolicy },
): Promise<T> {
  const policy = options.policy ?? DEFAULT_OUTAGE_POLICY;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (!options.idempotent || !isDatabaseUnavailable(error) || attempt >= policy.maxAttempts) throw error;
      options.log.warn({ err: error, attempt }, 'job cut off by a database outage; waiting for the database to run it again');
      if (!(await waitForDatabase(options.db, policy.maxWaitMs))) throw error;
      options.log.info({ attempt: attempt + 1 }, 'database back; running the job again');
    }
  }
}
