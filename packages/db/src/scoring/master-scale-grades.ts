// The organization's current master scale (its latest version), for grading scores; null if it has none.
import type { Database } from '../client.ts';
import type { MasterScaleGrade } from '../domain/models.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';

export async function currentMasterScaleGrades(db: Database, scope: TenantScope): Promise<MasterScaleGrade[] | null> {
  return withTenantClient(db, scope, async (client) => {
    const { rows } = await client.query<{ grades: MasterScaleGrade[] }>(
      'SELECT grades FROM master_scales WHERE organization_id = $1 ORDER BY version DESC LIMIT 1',
      [scope.organizationId],
    );
    return rows[0]?.grades ?? null;
  });
}
