// snapshot-portfolios: writes each portfolio's counts and totals for the day. Idempotent per portfolio
// and day (a re-run replaces that day's row), so a retried or duplicated job is harmless.
import { allOrganizationIds, snapshotOrganization, utcDay, type Database } from '@probity/db';
import type { Logger } from '@probity/logging';

export const SNAPSHOT_QUEUE = 'snapshot-portfolios';

export interface SnapshotJobData {
  /** ISO date or instant; the UTC day of it is snapshotted. Default: now. */
  asOf?: string;
}

export interface SnapshotResult {
  asOf: string;
  organizations: number;
  portfolios: number;
}

export async function snapshotPortfolios(db: Database, log: Logger, data: SnapshotJobData = {}): Promise<SnapshotResult> {
  const asOf = data.asOf ? new Date(data.asOf) : new Date();
  if (Number.isNaN(asOf.getTime())) throw new Error(`snapshot-portfolios: asOf is not a date: ${data.asOf}`);
  const organizations = await allOrganizationIds(db);
  let portfolios = 0;
  for (const organizationId of organizations) {
    portfolios += await snapshotOrganization(db, { organizationId, actor: { kind: 'system', name: SNAPSHOT_QUEUE } }, asOf);
  }
  const result = { asOf: utcDay(asOf).toISOString().slice(0, 10), organizations: organizations.length, portfolios };
  log.info({ job: SNAPSHOT_QUEUE, ...result }, 'portfolios snapshotted');
  return result;
}
