import { describe, expect, it } from 'vitest';
import { clientIpFromHeaders, parseTrustedProxies, PEER_HEADER } from './client-ip.ts';

// Regression (issue 7, M2): the rightmost X-Forwarded-For entry was used with no proxy in front, so any
// client picked its own address for the per-source limit.
describe('clientIpFromHeaders', () => {
  it('uses the socket address and ignores X-Forwarded-For when no proxy is trusted (the default)', () => {
    expect(clientIpFromHeaders({ [PEER_HEADER]: '198.51.100.7', 'x-forwarded-for': '203.0.113.9' })).toBe('198.51.100.7');
    expect(clientIpFromHeaders(new Headers({ [PEER_HEADER]: '198.51.100.7', 'x-forwarded-for': '1.2.3.4, 5.6.7.8' }))).toBe('198.51.100.7');
  });

  it('believes X-Forwarded-For only from a listed proxy, up to the first hop that is not one', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 192.0.2.10');
    expect(clientIpFromHeaders({ [PEER_HEADER]: '10.0.0.2', 'x-forwarded-for': '203.0.113.9' }, trusted)).toBe('203.0.113.9');
    // The client prepended a forged entry; the proxies appended the real one.
    expect(clientIpFromHeaders({ [PEER_HEADER]: '10.0.0.2', 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 192.0.2.10' }, trusted)).toBe(
      '203.0.113.9',
    );
    // Not from a listed proxy: the header is the client's own words.
    expect(clientIpFromHeaders({ [PEER_HEADER]: '198.51.100.7', 'x-forwarded-for': '6.6.6.6' }, trusted)).toBe('198.51.100.7');
    // A malformed hop stops the walk at the proxy.
    expect(clientIpFromHeaders({ [PEER_HEADER]: '10.0.0.2', 'x-forwarded-for': 'garbage' }, trusted)).toBe('10.0.0.2');
  });

  it('treats IPv4-mapped IPv6 as the IPv4 address, and has no address without the server stamp', () => {
    expect(clientIpFromHeaders({ [PEER_HEADER]: '::ffff:127.0.0.1' })).toBe('127.0.0.1');
    expect(clientIpFromHeaders({ [PEER_HEADER]: '::1' })).toBe('::1');
    expect(clientIpFromHeaders({ 'x-forwarded-for': '192.0.2.1' })).toBe('unknown');
  });

  it('refuses a trusted-proxy list entry that is not an address or block, naming it', () => {
    expect(() => parseTrustedProxies('10.0.0.1, proxy.internal')).toThrow(/"proxy.internal" is not an IP address/);
    expect(parseTrustedProxies('').check('10.0.0.1')).toBe(false);
  });
});
