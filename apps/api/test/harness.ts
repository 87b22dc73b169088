// Starts the real API in-process on a free port against the test database, with helpers to call it
// as an API key or as a signed-in user (through a service token, like the web app does).
import { inject } from 'vitest';
import { signServiceToken } from '@probity/auth';
import { createApiKey, createDatabase, type Database } from '@probity/db';
import { createTenantFixture, runSql, type TenantFixture } from '@probity/db/testing';
import { createLogger } from '@probity/logging';
import { readEnv, type ApiEnv } from '../src/env.ts';
import { startApi, type RunningApi } from '../src/app.ts';

export const SERVICE_SECRET = 'test-service-token-secret-0123456789abcdef';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] };
  headers: Headers;
}

export interface Harness {
  api: RunningApi;
  db: Database;
  /** SQL statements seen by the API's pool (when started with countStatements). */
  statements: string[];
  call<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    auth?: string | null,
    extraHeaders?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<ApiEnv> = {}, options: { countStatements?: boolean } = {}): Promise<Harness> {
  const statements: string[] = [];
  const env = readEnv({
    DATABASE_URL: inject('databaseUrl'),
    API_PORT: '0',
    PROBITY_SERVICE_TOKEN_SECRET: SERVICE_SECRET,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...(overrides as Record<string, string>),
  });
  const db = createDatabase({
    connectionString: env.DATABASE_URL,
    statementTimeoutMs: env.API_STATEMENT_TIMEOUT_MS,
    ...(options.countStatements ? { onStatement: (sql) => statements.push(sql) } : {}),
  });
  const api = await startApi(env, { db, log: createLogger('api-test', 'silent') });
  return {
    api,
    db,
    statements,
    async call(query, variables, auth, extraHeaders = {}) {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...extraHeaders },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLResponse['body'], headers: response.headers } as never;
    },
    async close() {
      await api.close();
      await db.close();
    },
  };
}

export interface TenantWithKeys extends TenantFixture {
  keys: { read: string; write: string; admin: string };
  token(role: keyof TenantFixture['users']): Promise<string>;
}

export async function tenantWithKeys(db: Database, label: string, exposures = 20): Promise<TenantWithKeys> {
  const t = await createTenantFixture(inject('databaseUrl'), { label, exposures });
  const scope = { organizationId: t.organizationId, actor: { kind: 'user' as const, userId: t.users.ADMIN.id } };
  const [read, write, admin] = await Promise.all(
    (['READ', 'WRITE', 'ADMIN'] as const).map(async (s) => (await createApiKey(db, scope, { name: `${s} key`, scopes: [s] })).key),
  );
  return {
    ...t,
    keys: { read: read!, write: write!, admin: admin! },
    token: (role) => signServiceToken({ userId: t.users[role].id, organizationId: t.organizationId }, SERVICE_SECRET),
  };
}

/** How many rows of `table` belong to `organizationId` (counted outside any tenant scope). */
export async function countTenantRows(table: string, organizationId: string): Promise<number> {
  const sql = `SELECT count(*) AS n FROM ${table} WHERE organization_id = $1`;
  return Number((await runSql<{ n: string }>(inject('databaseUrl'), sql, [organizationId]))[0]!.n);
}
