// Runs data access as the unprivileged role probity_app with the caller's organization set for the
// transaction only, so PostgreSQL row-level security filters every statement (see the
// row_level_security migration). This is the second line of defence: queries filter by organization too.
import { prismaOf, type Database, type TransactionClient } from './client.ts';
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
  return runTenantSession(scope.organizationId, (session) =>
    prismaOf(db).$transaction(
      async (tx) => {
        // Normally the BEGIN already carried the settings (tenant-session.ts); if not, set them here.
        if (!session.applied) {
          await tx.$executeRaw`SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', ${scope.organizationId}, true)`;
        }
        return work(tx);
      },
      { timeout: options.timeoutMs ?? 15_000, maxWait: 10_000 },
    ),
  );
}
