// Concentration limits per sector and per single name (or "*" for every obligor without its own).
// Setting one replaces the limit of that kind and key; each change is audited in its transaction.
import type { Database, TransactionClient } from '../../client.ts';
import type { RiskLimit as Row } from '../../generated/prisma/client.ts';
import type { RiskLimit, RiskLimitKind } from '../../domain/risk.ts';
import { fixed, money, parseDecimal } from '../../decimal.ts';
import { InputError, NotFoundError } from '../../errors.ts';
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

export async function setRiskLimit(db: Database, scope: TenantScope, input: SetRiskLimitInput): Promise<RiskLimit> {
  const key = input.key.trim();
  if (key.length < 1 || key.length > 200) throw new InputError('key', 'must be 1 to 200 characters');
  if (input.kind === 'SECTOR' && key === SINGLE_NAME_DEFAULT_KEY) throw new InputError('key', '"*" is only for single-name limits');
  const maxShare = input.maxShare == null ? null : parseDecimal('maxShare', input.maxShare, { min: 0, max: 1, scale: 6 });
  if (maxShare?.isZero()) throw new InputError('maxShare', 'must be above 0');
  const maxEad = input.maxEad == null ? null : parseDecimal('maxEad', input.maxEad, { min: 0, max: 1e16, scale: 2 });
  if (!maxShare && !maxEad) throw new InputError('maxShare', 'give maxShare, maxEad or both');
  return withTenant(db, scope, async (tx) => {
    // One setter of a limit at a time: two at once would both read "no limit" and both audit a create.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('risk_limit:' || ${scope.organizationId} || ':' || ${input.kind} || ':' || ${key}))`;
    const existing = await tx.riskLimit.findUnique({
      where: { organizationId_kind_key: { organizationId: scope.organizationId, kind: input.kind, key } },
    });
    const row = await tx.riskLimit.upsert({
      where: { organizationId_kind_key: { organizationId: scope.organizationId, kind: input.kind, key } },
      create: { organizationId: scope.organizationId, kind: input.kind, key, maxShare, maxEad },
      update: { maxShare, maxEad },
    });
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

export async function deleteRiskLimit(db: Database, scope: TenantScope, id: string): Promise<RiskLimit> {
  if (!isUuid(id)) throw new NotFoundError('RiskLimit');
  return withTenant(db, scope, async (tx) => {
    const existing = await tx.riskLimit.findFirst({ where: { id, organizationId: scope.organizationId } });
    if (!existing) throw new NotFoundError('RiskLimit');
    await tx.riskLimit.delete({ where: { id } });
    const before = toLimit(existing);
    await recordAudit(tx, scope, { action: 'riskLimit.delete', entityType: 'RiskLimit', entityId: id, before });
    return before;
  });
}
