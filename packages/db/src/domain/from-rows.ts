// Prisma rows -> domain types. Internal to packages/db: the only place that knows both shapes. Enum
// unions are checked against the schema's enums at compile time, so a schema change cannot drift.
import type * as Rows from '../generated/prisma/client.ts';
import type * as RowEnums from '../generated/prisma/enums.ts';
import { fixed, money, ratio } from '../decimal.ts';
import type { ApiKey, AuditEntry, Exposure, Membership, Obligor, Organization, Portfolio, User } from './entities.ts';
import type { ApiKeyScope, ExposureStatus, JsonValue, LocalDate, Role, Segment } from './values.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const enumsMatch: [
  Same<Segment, RowEnums.Segment>,
  Same<ExposureStatus, RowEnums.ExposureStatus>,
  Same<Role, RowEnums.Role>,
  Same<ApiKeyScope, RowEnums.ApiKeyScope>,
] = [true, true, true, true];
void enumsMatch;

/** A DATE column (read as UTC midnight) as YYYY-MM-DD. */
export const localDate = (value: Date): LocalDate => value.toISOString().slice(0, 10);
const optionalDate = (value: Date | null): LocalDate | null => (value ? localDate(value) : null);

export function toOrganization(row: Rows.Organization): Organization {
  return { id: row.id, name: row.name, slug: row.slug, createdAt: row.createdAt };
}

export function toUser(row: Pick<Rows.User, 'id' | 'email' | 'name' | 'disabled' | 'lastLoginAt'>): User {
  return { id: row.id, email: row.email, name: row.name, disabled: row.disabled, lastLoginAt: row.lastLoginAt };
}

export const USER_FIELDS = { id: true, email: true, name: true, disabled: true, lastLoginAt: true } as const;

export function toMembership(row: Rows.Membership & { user: Pick<Rows.User, keyof typeof USER_FIELDS> }): Membership {
  return {
    id: row.id,
    organizationId: row.organizationId,
    role: row.role,
    disabled: row.disabled,
    joinedAt: row.createdAt,
    user: toUser(row.user),
  };
}

export function toApiKey(row: Rows.ApiKey): ApiKey {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    scopes: row.scopes,
    prefix: row.prefix,
    createdById: row.createdById,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

export function toPortfolio(row: Rows.Portfolio): Portfolio {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    description: row.description,
    baseCurrency: row.baseCurrency,
    dataVersion: row.dataVersion,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toObligor(row: Rows.Obligor): Obligor {
  return {
    id: row.id,
    organizationId: row.organizationId,
    externalId: row.externalId,
    name: row.name,
    segment: row.segment,
    sector: row.sector,
    country: row.country,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toExposure(row: Rows.Exposure): Exposure {
  return {
    id: row.id,
    organizationId: row.organizationId,
    portfolioId: row.portfolioId,
    obligorId: row.obligorId,
    externalId: row.externalId,
    product: row.product,
    currency: row.currency,
    ead: money(row.ead),
    limit: money(row.limit),
    utilisation: ratio(row.ead, row.limit),
    lgd: fixed(row.lgd, 4),
    maturityDate: optionalDate(row.maturityDate),
    originationDate: optionalDate(row.originationDate),
    collateralValue: row.collateralValue === null ? null : money(row.collateralValue),
    daysPastDue: row.daysPastDue,
    status: row.status,
    pdAtOrigination: row.pdAtOrigination === null ? null : fixed(row.pdAtOrigination, 6),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toAuditEntry(row: Rows.AuditLog): AuditEntry {
  return {
    id: row.id,
    organizationId: row.organizationId,
    actorUserId: row.actorUserId,
    actorApiKeyId: row.actorApiKeyId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: (row.before ?? null) as JsonValue | null,
    after: (row.after ?? null) as JsonValue | null,
    requestId: row.requestId,
    createdAt: row.createdAt,
  };
}
