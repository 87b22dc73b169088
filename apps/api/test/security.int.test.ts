// The API's front door: authentication, malformed and abusive queries, batching, CSRF, masking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { inject } from 'vitest';
import { signServiceToken } from '@probity/auth';
import { startHarness, tenantWithKeys, SERVICE_SECRET, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'sec');
});
afterAll(async () => h.close());

describe('authentication', () => {
  it('answers an unauthenticated request with 401 UNAUTHENTICATED', async () => {
    const res = await h.call('{ portfolios { totalCount } }');
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.data).toBeUndefined();
  });

  it('refuses unknown keys, forged and expired service tokens, and tokens for non-members', async () => {
    const forged = await signServiceToken({ userId: t.users.ADMIN.id, organizationId: t.organizationId }, 'x'.repeat(40));
    const stranger = await signServiceToken(
      { userId: t.users.ADMIN.id, organizationId: '00000000-0000-4000-8000-000000000000' },
      SERVICE_SECRET,
    );
    const expired = await signServiceToken({ userId: t.users.ADMIN.id, organizationId: t.organizationId }, SERVICE_SECRET, -10);
    for (const credential of [`pb_AAAAAAAA_${'A'.repeat(43)}`, forged, stranger, expired, 'garbage']) {
      const res = await h.call('{ me { name } }', {}, credential);
      expect(res.status, credential.slice(0, 20)).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('identifies a signed-in user through a service token, with the role from the database', async () => {
    const res = await h.call<{ me: { kind: string; role: string; email: string } }>(
      '{ me { kind role email } }',
      {},
      await t.token('ANALYST'),
    );
    expect(res.body.data?.me).toEqual({ kind: 'USER', role: 'ANALYST', email: t.users.ANALYST.email });
  });
});

describe('query hardening', () => {
  it('answers a malformed query with 400 and a readable message, without a stack trace', async () => {
    const res = await h.call('{ portfolios { nodes { id }', {}, t.keys.read);
    expect(res.status).toBe(400);
    const error = res.body.errors![0]!;
    expect(error.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(error.message).toMatch(/Syntax Error: Expected Name, found <EOF>/);
    expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('refuses a query 20 levels deep', async () => {
    let selection = 'id';
    for (let i = 0; i < 6; i += 1) selection = `obligor { exposures { nodes { ${selection} } } }`;
    const query = `{ exposure(id: "00000000-0000-4000-8000-000000000000") { ${selection} } }`;
    const res = await h.call(query, {}, t.keys.read);
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.message).join(' ')).toMatch(/depth limit of 10 exceeded, found 20/);
  });

  it('refuses a query with 100 aliases', async () => {
    const query = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: me { name }`).join(' ')} }`;
    const res = await h.call(query, {}, t.keys.read);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded, found 100/);
  });

  it('refuses a document with too many tokens before parsing it all', async () => {
    const query = `{ me { ${'name '.repeat(2500)} } }`;
    const res = await h.call(query, {}, t.keys.read);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/more that 2000 tokens/);
  });

  it('refuses batched HTTP arrays', async () => {
    const response = await fetch(h.api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.keys.read}` },
      body: JSON.stringify([{ query: '{ me { name } }' }, { query: '{ me { name } }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batching/i);
  });

  it('refuses CSRF-able simple requests (GET without a preflight header, text/plain POST)', async () => {
    const get = await fetch(`${h.api.url}?query=${encodeURIComponent('{ me { name } }')}`, {
      headers: { authorization: `Bearer ${t.keys.read}` },
    });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF|preflight/i);
    const plain = await fetch(h.api.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${t.keys.read}` },
      body: '{"query":"{ me { name } }"}',
    });
    expect(plain.status).toBe(400);
  });

  it('returns the request id in a header and in every error', async () => {
    const res = await h.call('{ apiKeys { totalCount } }', {}, t.keys.read, { 'x-request-id': 'client-chosen-id-123' });
    expect(res.headers.get('x-request-id')).toBe('client-chosen-id-123');
    expect(res.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'FORBIDDEN', requestId: 'client-chosen-id-123' }));
  });
});

describe('error masking', () => {
  it('hides database errors behind INTERNAL_SERVER_ERROR with the request id', async () => {
    const admin = new pg.Client({ connectionString: inject('databaseUrl') });
    await admin.connect();
    await admin.query('REVOKE SELECT ON portfolios FROM probity_app');
    try {
      const res = await h.call('{ portfolios { totalCount } }', {}, t.keys.read, { 'x-request-id': 'masked-error-test-1' });
      const error = res.body.errors![0]!;
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'masked-error-test-1' });
      expect(error.message).toBe('Internal server error. Quote request id masked-error-test-1 when reporting it.');
      expect(JSON.stringify(res.body)).not.toMatch(/permission|relation|SELECT|prisma|stack/i);
      expect(error.path).toEqual(['portfolios']);
    } finally {
      await admin.query('GRANT SELECT ON portfolios TO probity_app');
      await admin.end();
    }
  });
});

describe('production mode', () => {
  it('turns introspection and field suggestions off', async () => {
    const prod = await startHarness({ NODE_ENV: 'production' });
    try {
      const introspection = await prod.call('{ __schema { types { name } } }', {}, t.keys.read);
      expect(introspection.status).toBe(400);
      expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
      const typo = await prod.call('{ me { nme } }', {}, t.keys.read);
      expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
      const devTypo = await h.call('{ me { nme } }', {}, t.keys.read);
      expect(devTypo.body.errors?.[0]?.message).toMatch(/Did you mean "name"/);
    } finally {
      await prod.close();
    }
  });
});

describe('health', () => {
  it('reports liveness and readiness with the migration check', async () => {
    const base = h.api.url.replace('/graphql', '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });
});
