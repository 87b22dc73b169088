import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, staticSecurityHeaders } from './headers.ts';

describe('contentSecurityPolicy', () => {
  const production = contentSecurityPolicy({ nonce: 'abc123==', development: false, https: false });

  it('allows scripts only with the nonce, and no eval in production', () => {
    expect(production).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(production).not.toContain('unsafe-eval');
    expect(production).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('forbids framing, plugins and foreign form targets', () => {
    expect(production).toContain("frame-ancestors 'none'");
    expect(production).toContain("object-src 'none'");
    expect(production).toContain("form-action 'self'");
    expect(production).toContain("base-uri 'none'");
  });

  it('allows style elements only with the nonce in production, any inline style only in development', () => {
    expect(production).toContain("style-src-elem 'self' 'nonce-abc123=='");
    expect(production).not.toMatch(/style-src-elem[^;]*unsafe-inline/);
    expect(contentSecurityPolicy({ nonce: 'n', development: true, https: false })).toContain("style-src-elem 'self' 'unsafe-inline'");
  });

  it('adds eval only in development and upgrades requests only over https', () => {
    expect(contentSecurityPolicy({ nonce: 'n', development: true, https: false })).toContain("'unsafe-eval'");
    expect(production).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ nonce: 'n', development: false, https: true })).toContain('upgrade-insecure-requests');
  });
});

describe('staticSecurityHeaders', () => {
  it('sets the standard headers and HSTS only over https', () => {
    const plain = staticSecurityHeaders({ https: false });
    expect(plain).toMatchObject({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
    expect(plain['Permissions-Policy']).toContain('camera=()');
    expect(plain).not.toHaveProperty('Strict-Transport-Security');
    expect(staticSecurityHeaders({ https: true })['Strict-Transport-Security']).toMatch(/^max-age=\d+/);
  });
});

describe('createNonce', () => {
  it('is 128 random bits in base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
