// Queue set-up from the contracts. pg-boss needs a queue before a job can be sent to it; creating
// one is idempotent (the first settings win), so the worker also updates them to the contract's.
import type PgBoss from 'pg-boss';
import type { JobContract } from './define.ts';
import { JOBS } from './registry.ts';

/** The PostgreSQL schema pg-boss keeps its tables in (same database as the application). */
export const PGBOSS_SCHEMA = 'pgboss';

export async function ensureQueue(boss: PgBoss, contract: JobContract, options: { applySettings?: boolean } = {}): Promise<void> {
  const settings = { name: contract.id, ...contract.queue };
  await boss.createQueue(contract.id, settings);
  if (options.applySettings) await boss.updateQueue(contract.id, settings);
}

/** Creates every listed job's queue that does not exist yet. */
export async function ensureQueues(boss: PgBoss, options: { applySettings?: boolean } = {}): Promise<void> {
  for (const contract of JOBS) await ensureQueue(boss, contract, options);
}
