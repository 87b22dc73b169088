// snapshot-portfolios: writes each portfolio's counts and totals for the day. Idempotent per portfolio
// and day (a re-run replaces that day's row), so a retried or duplicated job is harmless.
// The nightly run walks every organization, each on its own (forEachOrganization): a tenant that fails
// is recorded as failed in its audit trail and queued again alone (with the queue's retries), and the
// others are snapshotted. A run for one organization fails as a whole, so the queue retries it.
import { allOrganizationIds, snapshotOrganization, utcDay } from '@probity/db';
import { jobContract } from '@probity/jobs';
import { defineWorkerJob } from '../../define.ts';
import { forEachOrganization, type OrganizationFailure } from '../../for-each-organization.ts';

export interface SnapshotResult {
  asOf: string;
  organizations: number;
  portfolios: number;
  failed: OrganizationFailure[];
}

const JOB_ID = 'snapshot-portfolios';

export const snapshotPortfolios = defineWorkerJob({
  contract: jobContract(JOB_ID),
  schedule: (env) => ({ cron: env.PROBITY_SNAPSHOT_CRON, tz: env.PROBITY_SNAPSHOT_TZ, payload: {} }),
  idempotent: true,
  async run({ asOf: requested, organizationId }, ctx): Promise<SnapshotResult> {
    const { db, log } = ctx;
    const asOf = requested ? new Date(requested) : new Date();
    const day = utcDay(asOf).toISOString().slice(0, 10);
    const snapshot = (id: string) => snapshotOrganization(db, { organizationId: id, actor: { kind: 'system', name: JOB_ID } }, asOf);
    if (organizationId) {
      const portfolios = await snapshot(organizationId);
      const result = { asOf: day, organizations: 1, portfolios, failed: [] };
      log.info(result, 'portfolios snapshotted');
      return result;
    }
    const outcome = await forEachOrganization(await allOrganizationIds(db), { id: JOB_ID, details: { asOf: day } }, ctx, snapshot);
    // Each failed tenant gets a run of its own, retried by the queue without redoing the others.
    for (const { organizationId: failedId } of outcome.failed) {
      await ctx.jobs
        .enqueue(JOB_ID, { asOf: day, organizationId: failedId }, { singletonKey: `${failedId}:${day}` })
        .catch((error: unknown) => log.error({ err: error, organizationId: failedId }, 'could not queue the retry'));
    }
    const result = {
      asOf: day,
      organizations: outcome.done.length + outcome.failed.length,
      portfolios: outcome.done.reduce((sum, { result: count }) => sum + count, 0),
      failed: outcome.failed,
    };
    if (outcome.failed.length) log.error(result, 'portfolios snapshotted, some organizations failed');
    else log.info(result, 'portfolios snapshotted');
    return result;
  },
});
