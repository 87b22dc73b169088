// What every resolver receives. `caller` is established before execution; requests without valid
// credentials never reach a resolver (see server/http.ts).
import { can, type Permission } from '@probity/auth';
import type { Database, TenantScope } from '@probity/db';
import type { JobClient } from '@probity/jobs';
import type { Logger } from '@probity/logging';
import { forbidden, passwordChangeRequired } from '../errors.ts';
import type { Caller } from './caller.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { SummaryCache } from './summary-cache.ts';
import type { PortfolioCache } from './portfolio-cache.ts';

export interface ApiContext {
  requestId: string;
  log: Logger;
  db: Database;
  /** Enqueues background jobs (typed by @probity/jobs' contracts). */
  jobs: JobClient;
  caller: Caller;
  scope: TenantScope;
  loaders: Loaders;
  summaries: SummaryCache;
  /** Throws FORBIDDEN unless the caller's role holds the permission; returns the tenant scope. */
  authorize(permission: Permission): TenantScope;
}

export interface ContextInput {
  db: Database;
  jobs: JobClient;
  caller: Caller;
  requestId: string;
  log: Logger;
  summaries: SummaryCache;
  /** Portfolio rows read under RLS, per organization (the portfolio loader's cache). */
  portfolios: PortfolioCache;
}

export function createContext({ db, jobs, caller, requestId, log, summaries, portfolios }: ContextInput): ApiContext {
  const scope: TenantScope = { organizationId: caller.organizationId, actor: caller.actor, requestId };
  return {
    requestId,
    log,
    db,
    jobs,
    caller,
    scope,
    loaders: createLoaders(db, scope, portfolios),
    summaries,
    authorize(permission) {
      if (caller.mustChangePassword) throw passwordChangeRequired();
      if (!can(caller.role, permission)) throw forbidden(permission);
      return scope;
    },
  };
}
