// The credential cache's rules, without a database: reuse while live, never while the change listener
// is down, never past a key's expiry, and never store an answer that a change overtook.
import { describe, expect, it } from 'vitest';
import type { Caller } from './caller.ts';
import { CredentialCache } from './credential-cache.ts';

const caller: Caller = { organizationId: 'org', role: 'VIEWER', actor: { kind: 'apiKey', apiKeyId: 'k' }, name: 'key', email: null };

function counting(result: Caller | null = caller, validUntil?: Date) {
  let calls = 0;
  return {
    lookup: async () => {
      calls += 1;
      return result ? { caller: result, validUntil } : null;
    },
    get calls() {
      return calls;
    },
  };
}

describe('CredentialCache', () => {
  it('looks a credential up once while the listener is live, and again after a change', async () => {
    const cache = new CredentialCache({ ttlMs: 10_000, isLive: () => true });
    const db = counting();
    expect(await cache.resolve('pb_a', db.lookup)).toEqual(caller);
    expect(await cache.resolve('pb_a', db.lookup)).toEqual(caller);
    expect(db.calls).toBe(1);
    cache.invalidateAll();
    await cache.resolve('pb_a', db.lookup);
    expect(db.calls).toBe(2);
  });

  it('always asks the database while the listener is down', async () => {
    let live = false;
    const cache = new CredentialCache({ ttlMs: 10_000, isLive: () => live });
    const db = counting();
    await cache.resolve('pb_a', db.lookup);
    await cache.resolve('pb_a', db.lookup);
    expect(db.calls).toBe(2);
    live = true;
    await cache.resolve('pb_a', db.lookup);
    await cache.resolve('pb_a', db.lookup);
    expect(db.calls).toBe(3);
  });

  it('does not cache refusals, nor keep a key past its expiry', async () => {
    const cache = new CredentialCache({ ttlMs: 10_000, isLive: () => true });
    const refused = counting(null);
    expect(await cache.resolve('pb_bad', refused.lookup)).toBeNull();
    expect(await cache.resolve('pb_bad', refused.lookup)).toBeNull();
    expect(refused.calls).toBe(2);
    const now = Date.now();
    const expiring = counting(caller, new Date(now + 50));
    await cache.resolve('pb_exp', expiring.lookup, now);
    await cache.resolve('pb_exp', expiring.lookup, now + 10);
    expect(expiring.calls).toBe(1);
    await cache.resolve('pb_exp', expiring.lookup, now + 60);
    expect(expiring.calls).toBe(2);
  });

  it('does not store an answer when a change arrived while it was being looked up', async () => {
    const cache = new CredentialCache({ ttlMs: 10_000, isLive: () => true });
    let calls = 0;
    const lookup = async () => {
      calls += 1;
      if (calls === 1) cache.invalidateAll(); // the key was revoked while we read it
      return { caller };
    };
    await cache.resolve('pb_a', lookup);
    await cache.resolve('pb_a', lookup);
    expect(calls).toBe(2);
  });

  it('turns off with a TTL of 0', async () => {
    const cache = new CredentialCache({ ttlMs: 0, isLive: () => true });
    const db = counting();
    await cache.resolve('pb_a', db.lookup);
    await cache.resolve('pb_a', db.lookup);
    expect(db.calls).toBe(2);
  });
});
