// The lifecycle of a model version: DRAFT -> VALIDATED -> APPROVED -> CHAMPION -> RETIRED, and
// REJECTED. Each transition is a guarded update (the version must still be in the state it was read
// in) with its audit row in the same transaction. Four-eyes: the approver is a different person from
// whoever trained the version and whoever submitted it; approve and reject need a comment. Promotion
// retires the model's previous champion; a challenger that leaves APPROVED is no longer the challenger.
import type { Database, TransactionClient } from '../client.ts';
import type { ModelVersion, ModelVersionStatus } from '../domain/models.ts';
import { toModelVersion, VERSION_FIELDS } from '../domain/model-rows.ts';
import { recordAudit } from '../repositories/audit.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenant } from '../tenant.ts';
import { actingPerson, requiredComment } from './identity.ts';

export type VersionAction = 'validate' | 'approve' | 'reject' | 'promote' | 'retire';

const FROM: Record<VersionAction, ModelVersionStatus[]> = {
  validate: ['DRAFT'],
  approve: ['VALIDATED'],
  reject: ['DRAFT', 'VALIDATED', 'APPROVED'],
  promote: ['APPROVED'],
  retire: ['CHAMPION', 'APPROVED'],
};

const TO: Record<VersionAction, ModelVersionStatus> = {
  validate: 'VALIDATED',
  approve: 'APPROVED',
  reject: 'REJECTED',
  promote: 'CHAMPION',
  retire: 'RETIRED',
};

function refuseFrom(action: VersionAction, status: ModelVersionStatus): never {
  const done = { validate: 'validated', approve: 'approved', reject: 'rejected', promote: 'promoted', retire: 'retired' }[action];
  throw new ConflictError('status', `cannot ${action} a ${status} version: only ${FROM[action].join(' or ')} versions can be ${done}`);
}

async function lockVersion(tx: TransactionClient, scope: TenantScope, id: string) {
  // FOR UPDATE: two officers acting on one version at once are serialised, and the second sees the first's result.
  // The model's row first, then the version's: setModelChallenger takes them in the same order, so a
  // transition and a challenger change serialise instead of deadlocking.
  const [found] = await tx.$queryRaw<{ model_id: string }[]>`
    SELECT model_id::text FROM model_versions WHERE id = ${id}::uuid AND organization_id = ${scope.organizationId}::uuid`;
  if (!found) throw new NotFoundError('ModelVersion');
  await tx.$queryRaw`SELECT id FROM models WHERE id = ${found.model_id}::uuid FOR UPDATE`;
  await tx.$queryRaw`SELECT id FROM model_versions WHERE id = ${id}::uuid FOR UPDATE`;
  return tx.modelVersion.findFirstOrThrow({ where: { id }, select: VERSION_FIELDS });
}

/**
 * A version leaving APPROVED (promoted, retired or rejected) stops being its model's challenger: a
 * challenger is an APPROVED version that is not the champion, so it must not go on scoring in shadow
 * (nor come back as a challenger once retired). Audited as a challenger change.
 */
async function clearChallenger(tx: TransactionClient, scope: TenantScope, version: ModelVersion, action: VersionAction): Promise<void> {
  const cleared = await tx.model.updateMany({
    where: { id: version.modelId, challengerVersionId: version.id },
    data: { challengerVersionId: null },
  });
  if (cleared.count === 0) return;
  await recordAudit(tx, scope, {
    action: 'model.setChallenger',
    entityType: 'Model',
    entityId: version.modelId,
    before: { challengerVersionId: version.id },
    after: { challengerVersionId: null, reason: `version ${version.version} ${TO[action].toLowerCase()}` },
  });
}

export async function transitionModelVersion(
  db: Database,
  scope: TenantScope,
  versionId: string,
  action: VersionAction,
  comment?: string | null,
): Promise<ModelVersion> {
  if (!isUuid(versionId)) throw new NotFoundError('ModelVersion');
  const text =
    action === 'approve' || action === 'reject'
      ? requiredComment(comment, action === 'approve' ? 'Approval' : 'Rejection')
      : (comment?.trim() ?? null);
  return withTenant(db, scope, async (tx) => {
    const before = toModelVersion(await lockVersion(tx, scope, versionId));
    if (!FROM[action].includes(before.status)) refuseFrom(action, before.status);
    const person = await actingPerson(tx, scope);
    const now = new Date();
    const data: Record<string, unknown> = { status: TO[action] };
    if (action === 'validate')
      Object.assign(data, { validatedById: person.userId, validatedAt: now, submittedById: person.userId, submittedAt: now });
    if (action === 'approve') {
      if (person.userId === null)
        throw new InputError('actor', 'approval needs a person: sign in, or use an API key created by the approving user');
      if (person.userId === before.trainedById)
        throw new ConflictError('approver', 'four-eyes: you trained this version, so someone else must approve it');
      if (person.userId === before.submittedById)
        throw new ConflictError('approver', 'four-eyes: you submitted this version for approval, so someone else must approve it');
      Object.assign(data, { approvedById: person.userId, approvedAt: now, approvalComment: text });
    }
    if (action === 'reject') Object.assign(data, { rejectedById: person.userId, rejectedAt: now, rejectionComment: text });
    if (action === 'retire') Object.assign(data, { retiredAt: now });
    const retired: ModelVersion[] = [];
    if (action === 'promote') {
      Object.assign(data, { promotedById: person.userId, promotedAt: now });
      const champions = await tx.modelVersion.findMany({ where: { modelId: before.modelId, status: 'CHAMPION' }, select: VERSION_FIELDS });
      for (const champion of champions) {
        const row = await tx.modelVersion.update({
          where: { id: champion.id },
          data: { status: 'RETIRED', retiredAt: now },
          select: VERSION_FIELDS,
        });
        retired.push(toModelVersion(row));
        await recordAudit(tx, scope, {
          action: 'modelVersion.retire',
          entityType: 'ModelVersion',
          entityId: champion.id,
          before: { status: champion.status },
          after: { status: 'RETIRED', replacedBy: versionId },
        });
      }
    }
    if (before.status === 'APPROVED') await clearChallenger(tx, scope, before, action);
    const row = await tx.modelVersion.update({ where: { id: versionId }, data, select: VERSION_FIELDS });
    const after = toModelVersion(row);
    await recordAudit(tx, scope, {
      action: `modelVersion.${action}`,
      entityType: 'ModelVersion',
      entityId: versionId,
      before: { status: before.status },
      after: { status: after.status, ...(text ? { comment: text } : {}), ...(retired.length ? { retired: retired.map((v) => v.id) } : {}) },
    });
    return after;
  });
}
