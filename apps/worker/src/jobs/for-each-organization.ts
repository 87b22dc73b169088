// Jobs that walk every organization run each one on its own: one tenant's failure (bad data, a
// constraint, a timeout) is logged and recorded in that tenant's audit trail, and the walk goes on,
// so no organization can stop the work of the ones after it.
import { isDatabaseUnavailable, recordJobFailure } from '@probity/db';
import type { JobContext } from './define.ts';

export interface OrganizationFailure {
  organizationId: string;
  /** The error's message, for the job's output (operators' eyes; the tenant sees a public reason). */
  error: string;
}

export interface OrganizationsOutcome<T> {
  done: { organizationId: string; result: T }[];
  failed: OrganizationFailure[];
}

export async function forEachOrganization<T>(
  organizationIds: readonly string[],
  job: { id: string; details?: Record<string, unknown> },
  ctx: JobContext,
  work: (organizationId: string) => Promise<T>,
): Promise<OrganizationsOutcome<T>> {
  const outcome: OrganizationsOutcome<T> = { done: [], failed: [] };
  for (const organizationId of organizationIds) {
    try {
      outcome.done.push({ organizationId, result: await work(organizationId) });
    } catch (error) {
      // A lost database is nobody's bad data: fail the whole run so it is retried, not every tenant.
      if (isDatabaseUnavailable(error)) throw error;
      ctx.log.error({ err: error, organizationId }, 'job failed for one organization; continuing with the others');
      outcome.failed.push({ organizationId, error: error instanceof Error ? error.message : String(error) });
      await recordJobFailure(ctx.db, organizationId, { job: job.id, runId: ctx.runId, details: job.details, error }).catch(
        (recordError: unknown) =>
          ctx.log.error({ err: recordError, organizationId }, 'could not record the failure in the organization audit trail'),
      );
    }
  }
  return outcome;
}
