// Concentration limits per sector and per single name (or "*" for every obligor without its own).
// Setting one replaces the limit of that kind and key and bumps its version; each change is audited in its
// transaction.
import type { Database, TransactionClient } from '../../client.ts';
import type { RiskLimit as Row } from '../../generated/prisma/client.ts';
import type { RiskLimit, RiskLimitKind } from '../../domain/risk.ts';
import { fixed, money, parseDecimal } from '../../decimal.ts';
import { ConflictError, InputError, NotFoundError, staleVersionError } from '../../errors.ts';
import { isUuid } from '../../ids.ts';
import type { TenantScope } from '../../scope.ts';
import { withTenant } from '../../tenant.ts';
import { recordAudit } from '../audit.ts';

export const SINGLE_NAME_DEFAULT_KEY = '*';

function toLimit(row: Row): RiskLimit {
  return {
    id: row.id,
    organizationId: row.organizationId,
    kind: row.kind,
    key: row.key,
    version: row.version,
    maxShare: row.maxShare === null ? null : fixed(row.maxShare, 6),
    maxEad: row.maxEad === null ? null : money(row.maxEad),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listRiskLimitsIn(tx: TransactionClient, organizationId: string): Promise<RiskLimit[]> {
  const rows = await tx.riskLimit.findMany({ where: { organizationId }, orderBy: [{ kind: 'asc' }, { key: 'asc' }] });
  return rows.map(toLimit);
}

export async function listRiskLimits(db: Database, scope: TenantScope): Promise<RiskLimit[]> {
  return withTenant(db, scope, (tx) => listRiskLimitsIn(tx, scope.organizationId));
}

export interface SetRiskLimitInput {
  kind: RiskLimitKind;
  key: string;
  /** Decimal string in (0, 1]. */
  maxShare?: string | null;
  /** Decimal string, money. */
  maxEad?: string | null;
}

/** 'sector limit "Energy"', for messages. */
function describeLimit(kind: RiskLimitKind, key: string): string {
  return `${kind === 'SECTOR' ? 'sector' : 'single-name'} limit "${key}"`;
}

/**
 * Every writer of one limit (by organization, kind and key) holds this until it commits: two setters at once
 * would both read "no limit" and both audit a create, and a delete could remove what a setter just checked.
 * Taken on the key, not the row, because a first set has no row to lock.
 */
async function lockLimitKey(tx: TransactionClient, organizationId: string, kind: RiskLimitKind, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('risk_limit:' || ${organizationId} || ':' || ${kind} || ':' || ${key}))`;
}

/**
 * Sets (creates or replaces) the limit of that kind and key. With `expectedVersion` (the version the caller
 * edited; 0 for a new limit), a limit saved, created or deleted since is not overwritten unseen:
 * ConflictError and nothing written.
 */
export async function setRiskLimit(
  db: Database,
  scope: TenantScope,
  input: SetRiskLimitInput,
  expectedVersion?: number | null,
): Promise<RiskLimit> {
  const key = input.key.trim();
  if (key.length < 1 || key.length > 200) throw new InputError('key', 'must be 1 to 200 characters');
  if (input.kind === 'SECTOR' && key === SINGLE_NAME_DEFAULT_KEY) throw new InputError('key', '"*" is only for single-name limits');
  const maxShare = input.maxShare == null ? null : parseDecimal('maxShare', input.maxShare, { min: 0, max: 1, scale: 6 });
  if (maxShare?.isZero()) throw new InputError('maxShare', 'must be above 0');
  const maxEad = input.maxEad == null ? null : parseDecimal('maxEad', input.maxEad, { min: 0, max: 1e16, scale: 2 });
  if (!maxShare && !maxEad) throw new InputError('maxShare', 'give maxShare, maxEad or both');
  return withTenant(db, scope, async (tx) => {
    await lockLimitKey(tx, scope.organizationId, input.kind, key);
    const existing = await tx.riskLimit.findUnique({
      where: { organizationId_kind_key: { organizationId: scope.organizationId, kind: input.kind, key } },
    });
    if (expectedVersion != null) checkVersion(describeLimit(input.kind, key), existing, expectedVersion);
    const row = existing
      ? await tx.riskLimit.update({ where: { id: existing.id }, data: { maxShare, maxEad, version: { increment: 1 } } })
      : await tx.riskLimit.create({ data: { organizationId: scope.organizationId, kind: input.kind, key, maxShare, maxEad } });
    const after = toLimit(row);
    await recordAudit(tx, scope, {
      action: existing ? 'riskLimit.update' : 'riskLimit.create',
      entityType: 'RiskLimit',
      entityId: row.id,
      before: existing ? toLimit(existing) : undefined,
      after,
    });
    return after;
  });
}

/** A set or delete based on `expectedVersion` (0: no limit) refused when the stored one differs. */
function checkVersion(what: string, stored: Row | null, expectedVersion: number): void {
  if (stored && stored.version !== expectedVersion) {
    if (expectedVersion === 0) {
      const saved = `version ${stored.version}, saved ${stored.updatedAt.toISOString()}`;
      throw new ConflictError('expectedVersion', `the ${what} exists already (${saved}); read it and reapply the change to it`);
    }
    throw staleVersionError(what, { version: stored.version, savedAt: stored.updatedAt }, expectedVersion);
  }
  if (!stored && expectedVersion !== 0) {
    throw new ConflictError(
      'expectedVersion',
      `the ${what} was deleted after the version ${expectedVersion} this change was based on; set it again as a new limit if you still mean to`,
    );
  }
}

/**
 * Deletes a limit; later simulations stop checking it. With `expectedVersion` (the version the caller saw),
 * a limit saved since is not deleted unseen: ConflictError and nothing written.
 */
export async function deleteRiskLimit(db: Database, scope: TenantScope, id: string, expectedVersion?: number | null): Promise<RiskLimit> {
  if (!isUuid(id)) throw new NotFoundError('RiskLimit');
  return withTenant(db, scope, async (tx) => {
    const found = await tx.riskLimit.findFirst({ where: { id, organizationId: scope.organizationId } });
    if (!found) throw new NotFoundError('RiskLimit');
    // A limit's kind and key never change, so the key read before the lock is the one to lock; what is
    // checked and audited is read after it.
    await lockLimitKey(tx, scope.organizationId, found.kind, found.key);
    const existing = await tx.riskLimit.findFirst({ where: { id, organizationId: scope.organizationId } });
    if (!existing) throw new NotFoundError('RiskLimit');
    if (expectedVersion != null) checkVersion(describeLimit(existing.kind, existing.key), existing, expectedVersion);
    await tx.riskLimit.delete({ where: { id } });
    const before = toLimit(existing);
    await recordAudit(tx, scope, { action: 'riskLimit.delete', entityType: 'RiskLimit', entityId: id, before });
    return before;
  });
}
