import type { Database } from '../client.ts';
import type { Organization } from '../domain/entities.ts';
import { toOrganization } from '../domain/from-rows.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';

export async function getOrganization(db: Database, scope: TenantScope): Promise<Organization | null> {
  const row = await withTenant(db, scope, (tx) => tx.organization.findFirst({ where: { id: scope.organizationId } }));
  return row ? toOrganization(row) : null;
}
