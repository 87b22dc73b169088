// snapshot-portfolios: writes each portfolio's counts and totals for the day. Idempotent per portfolio
// and day (a re-run replaces that day's row), so a retried or duplicated job is harmless.
import { allOrganizationIds, snapshotOrganization, utcDay } from '@probity/db';
import { jobContract } from '@probity/jobs';
import { defineWorkerJob } from '../../define.ts';

export interface SnapshotResult {
  asOf: string;
  organizations: number;
  portfolios: number;
}

export const snapshotPortfolios = defineWorkerJob({
  contract: jobContract('snapshot-portfolios'),
  schedule: (env) => ({ cron: env.PROBITY_SNAPSHOT_CRON, tz: env.PROBITY_SNAPSHOT_TZ, payload: {} }),
  async run({ asOf: requested, organizationId }, { db, log }): Promise<SnapshotResult> {
    const asOf = requested ? new Date(requested) : new Date();
    const organizations = organizationId ? [organizationId] : await allOrganizationIds(db);
    let portfolios = 0;
    for (const id of organizations) {
      portfolios += await snapshotOrganization(db, { organizationId: id, actor: { kind: 'system', name: 'snapshot-portfolios' } }, asOf);
    }
    const result = { asOf: utcDay(asOf).toISOString().slice(0, 10), organizations: organizations.length, portfolios };
    log.info(result, 'portfolios snapshotted');
    return result;
  },
});
