// The source address used for sign-in throttling. The dashboard's own server (src/server/main.ts)
// stamps every request with the socket's peer address in PEER_HEADER, overwriting whatever a client
// sent under that name. X-Forwarded-For is believed only when that peer is a proxy listed in
// PROBITY_TRUSTED_PROXIES (none by default), and then only up to the first hop that is not one of them,
// walking from the right: entries further left were written by whoever called the proxy.
import { BlockList, isIP } from 'node:net';

export const PEER_HEADER = 'x-probity-peer-address';

type HeaderSource = Record<string, string | string[] | undefined> | Headers;

/** Parses "10.0.0.1, 192.168.0.0/16, ::1" into a BlockList; throws naming the entry that is not an address or a CIDR block. */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (!family || (bits !== undefined && !/^\d{1,3}$/.test(bits))) throw new Error(`"${entry}" is not an IP address or CIDR block`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

export function clientIpFromHeaders(headers: HeaderSource, trustedProxies: BlockList = new BlockList()): string {
  const read = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const peer = normaliseIp(read(PEER_HEADER));
  if (!peer) return 'unknown';
  const trusted = (ip: string) => trustedProxies.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
  if (!trusted(peer)) return peer;
  const hops = (read('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => normaliseIp(hop.trim()))
    .reverse();
  for (const hop of hops) {
    if (!hop) return peer; // a malformed entry: nothing left of it can be believed
    if (!trusted(hop)) return hop;
  }
  return peer;
}

function normaliseIp(value: string | undefined): string | undefined {
  if (!value) return undefined;
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the same client as its IPv4 form.
  const unmapped = value.startsWith('::ffff:') && value.includes('.') ? value.slice(7) : value;
  return isIP(unmapped) ? unmapped : undefined;
}
