// Issue 7, M4: a Database with a statement timeout cancels a tenant statement that runs past it and
// reports it as QueryTimeoutError (the API's QUERY_TIMEOUT), not as a server fault.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, type Database } from './client.ts';
import { QueryTimeoutError } from './errors.ts';
import { withTenant } from './tenant.ts';
import { createTenantFixture, type TenantFixture } from './testing/tenant-fixture.ts';

let db: Database;
let t: TenantFixture;

beforeAll(async () => {
  db = createDatabase({ connectionString: inject('databaseUrl'), statementTimeoutMs: 300, poolSize: 2 });
  t = await createTenantFixture(inject('databaseUrl'), { label: 'timeout', exposures: 1 });
});
afterAll(async () => db.close());

describe('statement timeout', () => {
  it('cancels a statement past the limit as QueryTimeoutError and keeps the connection usable', async () => {
    const scope = { organizationId: t.organizationId };
    await expect(withTenant(db, scope, (tx) => tx.$queryRaw`SELECT pg_sleep(2)`)).rejects.toBeInstanceOf(QueryTimeoutError);
    const [row] = await withTenant(
      db,
      scope,
      (tx) => tx.$queryRaw<{ timeout: string }[]>`SELECT current_setting('statement_timeout') AS timeout`,
    );
    expect(row?.timeout).toBe('300ms');
  });
});
