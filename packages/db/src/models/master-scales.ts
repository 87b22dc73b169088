// The master scale: PD bands mapped to grades, versioned per organization (the newest is in force).
// An organization that never edited it gets version 1 from the defaults the caller passes (packages/ml's).
import type { Database } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { MasterScale, MasterScaleGrade } from '../domain/models.ts';
import { toMasterScale } from '../domain/model-rows.ts';
import { recordAudit } from '../repositories/audit.ts';
import { InputError, NotFoundError, staleVersionError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';

export function checkGrades(grades: readonly MasterScaleGrade[]): MasterScaleGrade[] {
  if (grades.length < 2 || grades.length > 30) throw new InputError('grades', 'a master scale has 2 to 30 grades');
  const seen = new Set<string>();
  grades.forEach((g, i) => {
    const name = g.grade.trim();
    if (!name || name.length > 20) throw new InputError(`grades[${i}].grade`, 'must be 1 to 20 characters');
    if (seen.has(name)) throw new InputError(`grades[${i}].grade`, `"${name}" appears twice`);
    seen.add(name);
    if (!(g.maxPd > 0 && g.maxPd <= 1)) throw new InputError(`grades[${i}].maxPd`, 'must be a PD in (0, 1]');
    if (i > 0 && !(g.maxPd > grades[i - 1]!.maxPd))
      throw new InputError(`grades[${i}].maxPd`, `must be above grade ${grades[i - 1]!.grade}'s ${grades[i - 1]!.maxPd}`);
  });
  if (grades[grades.length - 1]!.maxPd !== 1)
    throw new InputError(`grades[${grades.length - 1}].maxPd`, 'the last grade must reach PD 1 (every PD has a grade)');
  return grades.map((g) => ({ grade: g.grade.trim(), maxPd: g.maxPd }));
}

/** The scale in force, creating version 1 from `defaults` the first time an organization needs one. */
export async function currentMasterScale(db: Database, scope: TenantScope, defaults: readonly MasterScaleGrade[]): Promise<MasterScale> {
  return withTenant(db, scope, async (tx) => {
    const row = await tx.masterScale.findFirst({ where: { organizationId: scope.organizationId }, orderBy: { version: 'desc' } });
    if (row) return toMasterScale(row);
    await tx.$executeRaw`INSERT INTO master_scales (id, organization_id, version, grades, comment)
      VALUES (gen_random_uuid(), ${scope.organizationId}::uuid, 1, ${JSON.stringify(defaults)}::jsonb, 'default ten-grade scale') ON CONFLICT DO NOTHING`;
    return toMasterScale(
      await tx.masterScale.findFirstOrThrow({ where: { organizationId: scope.organizationId }, orderBy: { version: 'desc' } }),
    );
  });
}

export async function listMasterScales(db: Database, scope: TenantScope): Promise<MasterScale[]> {
  const rows = await withTenant(db, scope, (tx) =>
    tx.masterScale.findMany({ where: { organizationId: scope.organizationId }, orderBy: { version: 'desc' } }),
  );
  return rows.map(toMasterScale);
}

export async function getMasterScale(db: Database, scope: TenantScope, id: string): Promise<MasterScale> {
  if (!isUuid(id)) throw new NotFoundError('MasterScale');
  const row = await withTenant(db, scope, (tx) => tx.masterScale.findFirst({ where: { id, organizationId: scope.organizationId } }));
  if (!row) throw new NotFoundError('MasterScale');
  return toMasterScale(row);
}

/**
 * A new version of the scale; the previous ones stay (versions used by reports keep their meaning).
 * With `expectedVersion` (the version the caller edited), a version saved since is not replaced:
 * ConflictError and nothing written.
 */
export async function updateMasterScale(
  db: Database,
  scope: TenantScope,
  grades: readonly MasterScaleGrade[],
  comment?: string | null,
  expectedVersion?: number | null,
): Promise<MasterScale> {
  const checked = checkGrades(grades);
  return withTenant(db, scope, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('master_scale:' || ${scope.organizationId}))`;
    const last = await tx.masterScale.findFirst({ where: { organizationId: scope.organizationId }, orderBy: { version: 'desc' } });
    if (expectedVersion != null && (last?.version ?? 0) !== expectedVersion) {
      throw staleVersionError('master scale', { version: last?.version ?? 0, savedAt: last?.createdAt ?? null }, expectedVersion);
    }
    const row = await tx.masterScale.create({
      data: {
        organizationId: scope.organizationId,
        version: (last?.version ?? 0) + 1,
        grades: checked as unknown as Prisma.InputJsonArray,
        comment: comment?.trim() || null,
        createdById: scope.actor.kind === 'user' ? scope.actor.userId : null,
      },
    });
    const scale = toMasterScale(row);
    await recordAudit(tx, scope, {
      action: 'masterScale.update',
      entityType: 'MasterScale',
      entityId: scale.id,
      before: last ? { version: last.version, grades: last.grades } : null,
      after: { version: scale.version, grades: scale.grades },
    });
    return scale;
  });
}
