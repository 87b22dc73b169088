// Runs data access as the unprivileged role probity_app with the caller's organization set for the
// transaction only, so PostgreSQL row-level security filters every statement (see the
// row_level_security migration). This is the second line of defence: queries filter by organization too.
import { prismaOf, statementTimeoutOf, type Database, type TransactionClient } from './client.ts';
import { QueryTimeoutError } from './errors.ts';
import type { TenantScope } from './scope.ts';
import { isUuid } from './ids.ts';
import { runTenantSession } from './tenant-session.ts';

export async function withTenant<T>(
  db: Database,
  scope: Pick<TenantScope, 'organizationId'>,
  work: (tx: TransactionClient) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  if (!isUuid(scope.organizationId)) throw new Error(`withTenant: organizationId is not a UUID: ${scope.organizationId}`);
  return rethrowTimeout(() =>
    runTenantSession(scope.organizationId, (session) =>
      prismaOf(db).$transaction(
        async (tx) => {
          // Normally the BEGIN already carried the settings (tenant-session.ts); if not, set them here.
          if (!session.applied) {
            await tx.$executeRaw`SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', ${scope.organizationId}, true)`;
            const timeout = statementTimeoutOf(db);
            if (timeout) await tx.$executeRaw`SELECT set_config('statement_timeout', ${String(Math.floor(timeout))}, true)`;
          }
          return work(tx);
        },
        { timeout: options.timeoutMs ?? 15_000, maxWait: 10_000 },
      ),
    ),
  );
}

/** PostgreSQL's statement timeout (57014) as the typed QueryTimeoutError; anything else unchanged. */
export async function rethrowTimeout<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isStatementTimeout(error)) throw new QueryTimeoutError();
    throw error;
  }
}

function isStatementTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const fields = e as { code?: unknown; originalCode?: unknown; message?: unknown };
    if (fields.code === '57014' || fields.originalCode === '57014') return true;
    if (typeof fields.message === 'string' && fields.message.includes('canceling statement due to statement timeout')) return true;
  }
  return false;
}

/**
 * Inside a system transaction (run as the owner for rows that have no tenant, such as a new user),
 * switches the rest of the transaction to probity_app for `organizationId`: what follows is under
 * row-level security exactly as in withTenant().
 */
export async function actAsTenant(tx: TransactionClient, organizationId: string): Promise<void> {
  if (!isUuid(organizationId)) throw new Error(`actAsTenant: organizationId is not a UUID: ${organizationId}`);
  await tx.$executeRaw`SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', ${organizationId}, true)`;
}
