// Which paths need no session, and where to send someone who has none.

const PUBLIC_PREFIXES = ['/signin', '/api/auth/'];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
}

/**
 * A callback URL is only ever a path on this site: anything else (absolute URLs, protocol-relative
 * `//host`, backslash tricks) falls back to the portfolio list, so sign-in cannot redirect off-site.
 */
export function safeCallbackPath(candidate: string | null | undefined): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return '/portfolios';
  if (isPublicPath(candidate.split('?')[0] ?? '')) return '/portfolios';
  return candidate;
}

export function signInRedirectPath(returnTo: string): string {
  const target = safeCallbackPath(returnTo);
  return target === '/portfolios' || target === '/' ? '/signin' : `/signin?callbackUrl=${encodeURIComponent(target)}`;
}
