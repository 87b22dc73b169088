// @probity/db: the only package that talks to PostgreSQL. Apps call these functions; none of them
// builds SQL or touches the Prisma client directly.
export { createDatabase, type Database, type DatabaseOptions, type TransactionClient } from './client.ts';
export type { TenantScope, Actor } from './scope.ts';
export { withTenant } from './tenant.ts';
export { InputError, NotFoundError, ConflictError } from './errors.ts';
export { MAX_PAGE_SIZE, type Connection, type PageArgs, type PageInfo } from './pagination.ts';
export { isUuid } from './ids.ts';
export { Prisma } from './generated/prisma/client.ts';
export type {
  Organization,
  User,
  Membership,
  ApiKey,
  Portfolio,
  Obligor,
  Exposure,
  PortfolioSnapshot,
  AuditLog,
} from './generated/prisma/client.ts';
export type { Role, ApiKeyScope, Segment, ExposureStatus } from './generated/prisma/enums.ts';

export * from './repositories/portfolios.ts';
export * from './repositories/exposures.ts';
export * from './repositories/obligors.ts';
export * from './repositories/snapshots.ts';
export * from './repositories/api-keys.ts';
export * from './repositories/audit.ts';
export * from './repositories/identity.ts';
export * from './repositories/organizations.ts';

export { migrateDatabase, pendingMigrations } from './migrations/migrate.ts';
export { schemaDrift } from './migrations/drift.ts';
export { migrationsDir, schemaPath } from './migrations/paths.ts';
export { seedDemo, DEMO_ACCOUNTS, DEMO_ORGANIZATION, RETAIL_PORTFOLIO, CORPORATE_PORTFOLIO } from './seed/index.ts';
