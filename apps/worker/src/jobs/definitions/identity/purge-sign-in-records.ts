// purge-sign-in-records: nightly, deletes dead sessions and old sign-in attempts (sessions.ts says why
// they are safe to drop). Idempotent: a second run finds nothing more to delete.
import { purgeSignInRecords as purge } from '@probity/db';
import { jobContract } from '@probity/jobs';
import { defineWorkerJob } from '../../define.ts';

export const purgeSignInRecords = defineWorkerJob({
  contract: jobContract('purge-sign-in-records'),
  schedule: () => ({ cron: '17 4 * * *', tz: 'UTC', payload: {} }),
  idempotent: true,
  async run({ retentionDays }, ctx) {
    const purged = await purge(ctx.db, { retentionDays });
    ctx.log.info(purged, 'sign-in records purged');
    return purged;
  },
});
