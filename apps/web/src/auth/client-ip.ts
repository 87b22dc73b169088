// The client address used for per-IP sign-in throttling. Next.js fills x-forwarded-for with the socket
// address when the header is absent; a reverse proxy appends the address it saw. The rightmost entry is
// therefore the one added by the hop nearest to us, which a client cannot forge behind a proxy.
// (Without a proxy a client can send its own header; the per-account limit still applies then.)

export function clientIpFromHeaders(headers: Record<string, string | string[] | undefined> | Headers): string {
  const read = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const forwarded = read('x-forwarded-for');
  const hops = (forwarded ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const nearest = hops.at(-1) ?? read('x-real-ip')?.trim();
  return normaliseIp(nearest) ?? 'unknown';
}

function normaliseIp(value: string | undefined): string | undefined {
  if (!value) return undefined;
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the same client as its IPv4 form.
  const unmapped = value.startsWith('::ffff:') && value.includes('.') ? value.slice(7) : value;
  return unmapped.length <= 64 ? unmapped : undefined;
}
