// Takes today's snapshots right away, without the queue: `npm run snapshot -w @probity/worker [-- YYYY-MM-DD]`.
import { createDatabase } from '@probity/db';
import { createLogger } from '@probity/logging';
import { readEnv } from '../env.ts';
import { snapshotPortfolios } from '../jobs/snapshot-portfolios.ts';

const env = readEnv();
const db = createDatabase({ connectionString: env.DATABASE_URL, poolSize: 2 });
try {
  await snapshotPortfolios(db, createLogger('worker', env.LOG_LEVEL), process.argv[2] ? { asOf: process.argv[2] } : {});
} finally {
  await db.close();
}
