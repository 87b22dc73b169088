// What the data layer returns: plain objects with no database or ORM type in them, so the API's
// GraphQL types, the worker and tests depend on these and never on how rows are stored.
import type { ApiKeyScope, DecimalString, ExposureStatus, JsonValue, LocalDate, Role, Segment } from './values.ts';

export interface Organization {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
}

/** A user as other members see them: never the password hash. */
export interface User {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  lastLoginAt: Date | null;
}

export interface Membership {
  id: string;
  organizationId: string;
  role: Role;
  /** Disabled in this organization: the row stays (and its audit trail), the person cannot act here. */
  disabled: boolean;
  joinedAt: Date;
  user: User;
}

/** An API key as shown to admins and written to the audit trail: never the secret or its hash. */
export interface ApiKey {
  id: string;
  organizationId: string;
  name: string;
  scopes: ApiKeyScope[];
  /** Public part of the key, e.g. pb_7Hq2xK9a. */
  prefix: string;
  createdById: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  createdAt: Date;
  /**
   * False while its creator is disabled or not an enabled member of the organization: the key is
   * refused until they are enabled again. True for a key with no creator. Read by the key lists.
   */
  creatorActive?: boolean;
}

export interface Portfolio {
  id: string;
  organizationId: string;
  name: string;
  description: string | null;
  /** ISO 4217. */
  baseCurrency: string;
  /** Bumped by database triggers on every change to the portfolio's exposures or obligors. */
  dataVersion: bigint;
  createdAt: Date;
  updatedAt: Date;
}

export interface Obligor {
  id: string;
  organizationId: string;
  externalId: string;
  name: string;
  segment: Segment;
  sector: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Exposure {
  id: string;
  organizationId: string;
  portfolioId: string;
  obligorId: string;
  externalId: string;
  product: string;
  /** ISO 4217. */
  currency: string;
  ead: DecimalString;
  limit: DecimalString;
  /** EAD / limit (6 places); null when the limit is 0. Derived, never stored. */
  utilisation: DecimalString | null;
  /** Loss given default, a fraction 0..1 (4 places). */
  lgd: DecimalString;
  maturityDate: LocalDate | null;
  originationDate: LocalDate | null;
  collateralValue: DecimalString | null;
  daysPastDue: number;
  status: ExposureStatus;
  /** 12-month PD at initial recognition (6 places), for IFRS 9 staging; null when not recorded. */
  pdAtOrigination: DecimalString | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Figures of one obligor across the organization's portfolios (all exposures, not one page). */
export interface ObligorTotals {
  exposureCount: number;
  portfolioCount: number;
  /** Sums across currencies as stored: meaningful when `currencies` holds one code. */
  totalEad: DecimalString;
  totalLimit: DecimalString;
  /** Total EAD / total limit (6 places); null when the total limit is 0. */
  utilisation: DecimalString | null;
  maxDaysPastDue: number;
  /** ISO 4217 codes of its exposures, sorted. */
  currencies: string[];
}

export interface AuditEntry {
  id: string;
  organizationId: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  /** Dotted verb, e.g. exposure.update. */
  action: string;
  entityType: string;
  entityId: string;
  before: JsonValue | null;
  after: JsonValue | null;
  requestId: string | null;
  createdAt: Date;
}
