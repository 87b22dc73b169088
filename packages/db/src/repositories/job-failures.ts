// A job that walks every organization records a tenant's failure in that tenant's own audit trail
// (action `job.failed`, actor: the system), so the organization's risk officers see that its snapshot
// of the day is missing and why, while every other organization's run goes on.
import type { Database } from '../client.ts';
import { InputError } from '../errors.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { recordAudit } from './audit.ts';

export interface JobFailure {
  /** Job id, e.g. snapshot-portfolios. */
  job: string;
  /** The queue's run id, to find the operator's log lines. */
  runId: string;
  /** What the job was asked for (e.g. { asOf }). */
  details?: Record<string, unknown>;
  error: unknown;
}

/** What a tenant may read about its failure: a data-layer input error verbatim, anything else by its kind only. */
function publicReason(error: unknown): string {
  if (error instanceof InputError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  return `the run failed (${typeof code === 'string' ? `database error ${code}` : 'internal error'}); operators have the details`;
}

export async function recordJobFailure(db: Database, organizationId: string, failure: JobFailure): Promise<void> {
  const scope: TenantScope = { organizationId, actor: { kind: 'system', name: failure.job }, requestId: failure.runId };
  await withTenant(db, scope, (tx) =>
    recordAudit(tx, scope, {
      action: 'job.failed',
      entityType: 'Job',
      entityId: failure.job,
      after: { runId: failure.runId, ...failure.details, reason: publicReason(failure.error) },
    }),
  );
}
