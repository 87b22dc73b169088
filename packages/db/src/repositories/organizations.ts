import type { Database } from '../client.ts';
import type { Organization } from '../generated/prisma/client.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';

export async function getOrganization(db: Database, scope: TenantScope): Promise<Organization | null> {
  return withTenant(db, scope, (tx) => tx.organization.findFirst({ where: { id: scope.organizationId } }));
}
