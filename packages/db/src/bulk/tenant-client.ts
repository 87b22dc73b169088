// A plain pg connection inside a tenant transaction, for COPY: the same role switch and organization
// setting as withTenant(), so row-level security applies to every statement it runs.
import type pg from 'pg';
import { bulkPoolOf, type Database } from '../client.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';

export async function withTenantClient<T>(
  db: Database,
  scope: Pick<TenantScope, 'organizationId'>,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  if (!isUuid(scope.organizationId)) throw new Error(`withTenantClient: organizationId is not a UUID: ${scope.organizationId}`);
  const client = await bulkPoolOf(db).connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', $1, true)`, [scope.organizationId]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
