// Models (a named PD model for a segment or portfolio type) and their versions, read side.
import type { Database } from '../client.ts';
import type { Model, ModelVersion } from '../domain/models.ts';
import type { Segment } from '../domain/values.ts';
import { toModel, toModelVersion, VERSION_FIELDS } from '../domain/model-rows.ts';
import { recordAudit } from '../repositories/audit.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { optionalText, text } from '../validate.ts';
import { mapNodes, resolvePage, toConnection, type Connection, type PageArgs } from '../pagination.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { isUniqueViolation } from '../unique-violation.ts';

export interface CreateModelInput {
  name: string;
  description?: string | null;
  segment?: Segment | null;
}

export async function createModel(db: Database, scope: TenantScope, input: CreateModelInput): Promise<Model> {
  const name = text('name', input.name, { min: 1, max: 200 });
  const description = optionalText('description', input.description, { max: 1000, multiline: true });
  // Two requests racing for one name: the unique index decides, and the loser hears it as a conflict.
  return alreadyNamed(name, () =>
    withTenant(db, scope, async (tx) => {
      const taken = await tx.model.findFirst({ where: { organizationId: scope.organizationId, name }, select: { id: true } });
      if (taken) throw new ConflictError('name', `a model named "${name}" already exists`);
      const row = await tx.model.create({
        data: {
          organizationId: scope.organizationId,
          name,
          description,
          segment: input.segment ?? null,
          createdById: scope.actor.kind === 'user' ? scope.actor.userId : null,
        },
      });
      const model = toModel(row);
      await recordAudit(tx, scope, { action: 'model.create', entityType: 'Model', entityId: model.id, after: model });
      return model;
    }),
  );
}

async function alreadyNamed<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('name', `a model named "${name}" already exists`);
    }
    throw error;
  }
}

export async function getModel(db: Database, scope: TenantScope, id: string): Promise<Model> {
  if (!isUuid(id)) throw new NotFoundError('Model');
  const row = await withTenant(db, scope, (tx) => tx.model.findFirst({ where: { id, organizationId: scope.organizationId } }));
  if (!row) throw new NotFoundError('Model');
  return toModel(row);
}

export async function modelsByIds(db: Database, scope: TenantScope, ids: readonly string[]): Promise<Model[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await withTenant(db, scope, (tx) =>
    tx.model.findMany({ where: { id: { in: valid }, organizationId: scope.organizationId } }),
  );
  return rows.map(toModel);
}

/** Models by name. */
export async function listModels(db: Database, scope: TenantScope, args: PageArgs = {}): Promise<Connection<Model>> {
  const page = resolvePage(args, 50);
  const where = { organizationId: scope.organizationId };
  const cursor = page.cursor ? { id: page.backward ? { lt: page.cursor.id } : { gt: page.cursor.id } } : {};
  return withTenant(db, scope, async (tx) => {
    const [rows, total] = await Promise.all([
      tx.model.findMany({ where: { ...where, ...cursor }, orderBy: { id: page.backward ? 'desc' : 'asc' }, take: page.take }),
      tx.model.count({ where }),
    ]);
    return mapNodes(
      toConnection(rows, page, (row) => ({ v: null, id: row.id }), total),
      toModel,
    );
  });
}

/** A model's versions, newest first. */
export async function listModelVersions(db: Database, scope: TenantScope, modelId: string): Promise<ModelVersion[]> {
  if (!isUuid(modelId)) return [];
  const rows = await withTenant(db, scope, (tx) =>
    tx.modelVersion.findMany({
      where: { modelId, organizationId: scope.organizationId },
      select: VERSION_FIELDS,
      orderBy: { version: 'desc' },
    }),
  );
  return rows.map(toModelVersion);
}

export async function getModelVersion(db: Database, scope: TenantScope, id: string): Promise<ModelVersion> {
  if (!isUuid(id)) throw new NotFoundError('ModelVersion');
  const row = await withTenant(db, scope, (tx) =>
    tx.modelVersion.findFirst({ where: { id, organizationId: scope.organizationId }, select: VERSION_FIELDS }),
  );
  if (!row) throw new NotFoundError('ModelVersion');
  return toModelVersion(row);
}

export async function modelVersionsByIds(db: Database, scope: TenantScope, ids: readonly string[]): Promise<ModelVersion[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await withTenant(db, scope, (tx) =>
    tx.modelVersion.findMany({ where: { id: { in: valid }, organizationId: scope.organizationId }, select: VERSION_FIELDS }),
  );
  return rows.map(toModelVersion);
}
