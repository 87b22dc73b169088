// Folds the tenant settings into the transaction's BEGIN, saving a round trip per tenant transaction.
// withTenant() opens its transaction inside runTenantSession(); the pool's client (client.ts) sends
// the first plain BEGIN issued in that async context as one simple-protocol message:
//   BEGIN; SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', '<org>', true)
// The organization id is checked to be a UUID before it is written into SQL. If the BEGIN did not go
// through this path (the flag stays false), withTenant() sends set_config itself: row-level security
// never depends on this optimisation.
import { AsyncLocalStorage } from 'node:async_hooks';
import { isUuid } from './ids.ts';

interface TenantSession {
  organizationId: string;
  /** True once a BEGIN carried this session's settings. */
  applied: boolean;
}

const sessions = new AsyncLocalStorage<TenantSession>();

export function runTenantSession<T>(organizationId: string, work: (session: { readonly applied: boolean }) => Promise<T>): Promise<T> {
  if (!isUuid(organizationId)) throw new Error(`tenant session: organizationId is not a UUID: ${organizationId}`);
  const session: TenantSession = { organizationId, applied: false };
  return sessions.run(session, () => work(session));
}

/**
 * The settings of a tenant transaction: the unprivileged role, the organization and, when the
 * Database has one, a statement timeout (so no single request can hold a connection and a core for
 * long, whatever it asks). `organizationLiteral` is already quoted SQL.
 */
export function tenantSettingsSelect(organizationLiteral: string, statementTimeoutMs: number | undefined): string {
  const timeout = statementTimeoutMs ? `, set_config('statement_timeout', '${Math.floor(statementTimeoutMs)}', true)` : '';
  return `SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', ${organizationLiteral}, true)${timeout}`;
}

/** The SQL to send instead of `text`: a BEGIN with the pending tenant settings, once per session. */
export function withPendingTenantSettings(text: string, statementTimeoutMs?: number): string {
  if (text !== 'BEGIN') return text;
  const session = sessions.getStore();
  if (!session || session.applied || !isUuid(session.organizationId)) return text;
  session.applied = true;
  return `BEGIN; ${tenantSettingsSelect(`'${session.organizationId}'`, statementTimeoutMs)}`;
}
