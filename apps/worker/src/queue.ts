// pg-boss on the application database (its own `pgboss` schema): queues, the cron schedule, workers.
import PgBoss from 'pg-boss';
import type { Database } from '@probity/db';
import type { Logger } from '@probity/logging';
import { SNAPSHOT_QUEUE, snapshotPortfolios, type SnapshotJobData } from './jobs/snapshot-portfolios.ts';

export interface QueueOptions {
  connectionString: string;
  snapshotCron: string;
  snapshotTimeZone: string;
}

export async function startQueue(db: Database, log: Logger, options: QueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: options.connectionString, schema: 'pgboss', application_name: 'probity-worker' });
  boss.on('error', (error) => log.error({ err: error }, 'pg-boss error'));
  await boss.start();
  // 'stately': at most one snapshot queued and one running, so a slow run never piles up behind itself.
  await boss.createQueue(SNAPSHOT_QUEUE, { name: SNAPSHOT_QUEUE, policy: 'stately', retryLimit: 3, retryDelay: 60, retryBackoff: true });
  await boss.schedule(SNAPSHOT_QUEUE, options.snapshotCron, {}, { tz: options.snapshotTimeZone });
  await boss.work<SnapshotJobData>(SNAPSHOT_QUEUE, { batchSize: 1 }, async (jobs) => {
    for (const job of jobs) await snapshotPortfolios(db, log.child({ jobId: job.id }), job.data ?? {});
  });
  log.info({ queue: SNAPSHOT_QUEUE, cron: options.snapshotCron, tz: options.snapshotTimeZone }, 'snapshot schedule registered');
  return boss;
}
