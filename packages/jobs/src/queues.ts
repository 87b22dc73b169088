// Queue set-up from the contracts. pg-boss needs a queue before a job can be sent to it; creating
// one is idempotent (the first settings win), so the worker also updates them to the contract's.
import type PgBoss from 'pg-boss';
import type { JobContract } from './define.ts';
import { JOBS } from './registry.ts';

/** The PostgreSQL schema pg-boss keeps its tables in (same database as the application). */
export const PGBOSS_SCHEMA = 'pgboss';

const DEADLOCK = '40P01';
const CREATE_ATTEMPTS = 6;

function isDeadlock(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DEADLOCK;
}

/**
 * Creating a queue adds a partition to pg-boss's job table; when the API and the worker start
 * together and both create the same new queues, PostgreSQL can pick one of them as a deadlock
 * victim. The transaction was rolled back whole, so trying again (after a jittered pause, so the
 * two do not collide again) is safe.
 */
async function createQueueOnce(boss: PgBoss, contract: JobContract, settings: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    if (await boss.getQueue(contract.id)) return;
    try {
      await boss.createQueue(contract.id, settings);
      return;
    } catch (error) {
      if (!isDeadlock(error) || attempt >= CREATE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 80));
    }
  }
}

export async function ensureQueue(boss: PgBoss, contract: JobContract, options: { applySettings?: boolean } = {}): Promise<void> {
  const settings = { name: contract.id, ...contract.queue };
  await createQueueOnce(boss, contract, settings);
  if (options.applySettings) await boss.updateQueue(contract.id, settings);
}

/** Creates every listed job's queue that does not exist yet. */
export async function ensureQueues(boss: PgBoss, options: { applySettings?: boolean } = {}): Promise<void> {
  for (const contract of JOBS) await ensureQueue(boss, contract, options);
}
