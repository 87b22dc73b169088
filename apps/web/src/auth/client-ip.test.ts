import { describe, expect, it } from 'vitest';
import { clientIpFromHeaders } from './client-ip.ts';

describe('clientIpFromHeaders', () => {
  it('takes the hop nearest to the server from x-forwarded-for', () => {
    expect(clientIpFromHeaders({ 'x-forwarded-for': '203.0.113.9, 10.0.0.2' })).toBe('10.0.0.2');
    expect(clientIpFromHeaders(new Headers({ 'x-forwarded-for': '198.51.100.7' }))).toBe('198.51.100.7');
  });
  it('treats IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(clientIpFromHeaders({ 'x-forwarded-for': '::ffff:127.0.0.1' })).toBe('127.0.0.1');
    expect(clientIpFromHeaders({ 'x-forwarded-for': '::1' })).toBe('::1');
  });
  it('falls back to x-real-ip, then to "unknown"', () => {
    expect(clientIpFromHeaders({ 'x-real-ip': '192.0.2.1' })).toBe('192.0.2.1');
    expect(clientIpFromHeaders({})).toBe('unknown');
    expect(clientIpFromHeaders({ 'x-forwarded-for': 'x'.repeat(200) })).toBe('unknown');
  });
});
