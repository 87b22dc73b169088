// Reading trained model files, for scoring: a version's file by id, or the champion of a model. The
// file is stored gzip-compressed with the SHA-256 of its JSON, checked on every read.
import type { Database } from '../client.ts';
import type { ModelVersion, ModelVersionFile } from '../domain/models.ts';
import { modelFileText, toModelVersion, VERSION_FIELDS } from '../domain/model-rows.ts';
import { NotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';

/** A version's model file; NotFoundError for a missing id or another organization's. */
export async function getModelVersionFile(db: Database, scope: TenantScope, versionId: string): Promise<ModelVersionFile> {
  if (!isUuid(versionId)) throw new NotFoundError('ModelVersion');
  return withTenant(db, scope, async (tx) => {
    const row = await tx.modelVersion.findFirst({ where: { id: versionId, organizationId: scope.organizationId } });
    if (!row) throw new NotFoundError('ModelVersion');
    return { version: toModelVersion(row), modelFileJson: modelFileText(row) };
  });
}

/** The model's champion and its file, or null when the model has none (or is not this organization's). */
export async function getChampionModelFile(db: Database, scope: TenantScope, modelId: string): Promise<ModelVersionFile | null> {
  if (!isUuid(modelId)) return null;
  return withTenant(db, scope, async (tx) => {
    const row = await tx.modelVersion.findFirst({ where: { modelId, organizationId: scope.organizationId, status: 'CHAMPION' } });
    return row ? { version: toModelVersion(row), modelFileJson: modelFileText(row) } : null;
  });
}

/** Every champion of the organization (one per model at most), without their files. */
export async function listChampionVersions(db: Database, scope: TenantScope): Promise<ModelVersion[]> {
  return withTenant(db, scope, async (tx) => {
    const rows = await tx.modelVersion.findMany({
      where: { organizationId: scope.organizationId, status: 'CHAMPION' },
      select: VERSION_FIELDS,
      orderBy: { modelId: 'asc' },
    });
    return rows.map(toModelVersion);
  });
}
