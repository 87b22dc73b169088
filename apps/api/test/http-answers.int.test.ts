// Issue 7's lower findings at the HTTP front door, each failing on the code before the fix: FORBIDDEN
// answered HTTP 200; production suggested enum values; a ten-year service token was accepted; a client
// writing its whole 10 MB body waited a minute for the 413.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { startHarness, tenantWithKeys, SERVICE_SECRET, type Harness, type TenantWithKeys } from './harness.ts';

let h: Harness;
let t: TenantWithKeys;

beforeAll(async () => {
  h = await startHarness();
  t = await tenantWithKeys(h.db, 'http', 2);
});
afterAll(async () => h.close());

describe('status codes', () => {
  it('answers FORBIDDEN with HTTP 403, without the status leaking into the body', async () => {
    const res = await h.call('{ apiKeys { totalCount } }', {}, t.keys.read);
    expect(res.status).toBe(403);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.body.errors?.[0]?.extensions).not.toHaveProperty('http');
  });
});

describe('production answers', () => {
  it('suggests no enum value, field or type', async () => {
    const prod = await startHarness({ NODE_ENV: 'production' });
    try {
      const variable = await prod.call(
        'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
        { input: { name: 'k', scopes: ['ADMN'] } },
        t.keys.admin,
      );
      expect(variable.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const literal = await prod.call('{ portfolios { nodes { exposures(orderBy: { field: EA }) { totalCount } } } }', {}, t.keys.read);
      for (const res of [variable, literal]) {
        expect(res.body.errors?.length).toBeGreaterThan(0);
        expect(JSON.stringify(res.body)).not.toMatch(/Did you mean|ADMIN|"EAD"/);
      }
      const dev = await h.call('{ portfolios { nodes { exposures(orderBy: { field: EA }) { totalCount } } } }', {}, t.keys.read);
      expect(dev.body.errors?.[0]?.message).toMatch(/Did you mean the enum value "EAD"/);
    } finally {
      await prod.close();
    }
  });
});

describe('service tokens', () => {
  it('refuses a validly signed token with a ten-year lifetime, or with no exp', async () => {
    const now = Math.floor(Date.now() / 1000);
    const base = () =>
      new SignJWT({ org: t.organizationId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(t.users.ADMIN.id)
        .setIssuer('probity-web')
        .setAudience('probity-api');
    const key = new TextEncoder().encode(SERVICE_SECRET);
    for (const token of [
      await base()
        .setIssuedAt(now)
        .setExpirationTime(now + 10 * 365 * 86_400)
        .sign(key),
      await base().setIssuedAt(now).sign(key),
    ]) {
      const res = await h.call('{ me { name } }', {}, token);
      expect(res.status).toBe(401);
    }
  });
});

describe('request body limit', () => {
  it('answers 413 promptly to a client that writes its whole 10 MB body before reading', async () => {
    const url = new URL(h.api.url);
    const started = performance.now();
    // Settles once the whole body is written AND the answer is read: before the fix the server stopped
    // reading, so the upload stalled with a full TCP window until a timeout a minute later.
    const status = await new Promise<number>((resolve, reject) => {
      let answered: number | null = null;
      let written = false;
      const settle = () => answered !== null && written && resolve(answered);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${t.keys.read}`, 'content-length': 10_000_000 },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            answered = res.statusCode ?? 0;
            settle();
          });
        },
      );
      req.on('error', reject);
      req.setTimeout(20_000, () => reject(new Error('the upload stalled: the server stopped reading the body')));
      const chunk = Buffer.alloc(100_000, 'a');
      for (let i = 0; i < 100; i += 1) req.write(chunk);
      req.end(() => {
        written = true;
        settle();
      });
    });
    expect(status).toBe(413);
    // Before the fix the client waited for the server's request timeout (a minute and more).
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
