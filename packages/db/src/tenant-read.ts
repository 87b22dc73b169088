// A read-only tenant transaction in one round trip, for the hottest lookups (a portfolio by id on
// every portfolio query). The transaction, its tenant settings, the query and the COMMIT travel as one
// simple-protocol message:
//   BEGIN READ ONLY; SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', …, true); <query>; COMMIT
// so row-level security applies exactly as in withTenant(). Values are written into the SQL as
// literals by `literal` (PostgreSQL's quoting, on top of the callers' own UUID checks); never pass
// unquoted input to `build`.
import pg from 'pg';
import { poolOf, statementTimeoutOf, type Database } from './client.ts';
import { tenantSettingsSelect } from './tenant-session.ts';
import { rethrowTimeout } from './tenant.ts';
import { isUuid } from './ids.ts';
import type { TenantScope } from './scope.ts';

export type Literal = (value: string) => string;

const quote: Literal = (value) => {
  if (value.includes('\0')) throw new Error('tenantRead: NUL byte in a literal');
  // standard_conforming_strings is on (PostgreSQL's default since 9.1): only the quote needs doubling.
  return `'${value.replace(/'/g, "''")}'`;
};

export async function tenantRead<R extends Record<string, unknown>>(
  db: Database,
  scope: Pick<TenantScope, 'organizationId'>,
  build: (literal: Literal) => string,
): Promise<R[]> {
  if (!isUuid(scope.organizationId)) throw new Error(`tenantRead: organizationId is not a UUID: ${scope.organizationId}`);
  const query = build(quote);
  const text = `BEGIN READ ONLY; ${tenantSettingsSelect(quote(scope.organizationId), statementTimeoutOf(db))}; ${query}; COMMIT`;
  const client = await poolOf(db).connect();
  try {
    const results = await rethrowTimeout(async () => (await client.query(text)) as unknown as pg.QueryResult<R>[]);
    client.release();
    return results[2]!.rows;
  } catch (error) {
    // An error skips the rest of the message and leaves the transaction aborted: end it before the
    // connection goes back to the pool (or drop the connection if even that fails).
    await client.query('ROLLBACK').then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    throw error;
  }
}
