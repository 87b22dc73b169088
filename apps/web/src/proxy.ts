// Runs before every page and route: sets the per-request CSP nonce and the security headers, and sends
// visitors without a valid session to the sign-in page. Pages check the session again themselves;
// this is the first gate, not the only one.
import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { env, isDevelopment } from './env.ts';
import { contentSecurityPolicy, createNonce, staticSecurityHeaders } from './security/headers.ts';
import { isPublicPath, signInRedirectPath } from './auth/paths.ts';
import { sessionUserFromToken } from './auth/session-user.ts';

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const config = env();
  const nonce = createNonce();
  const csp = contentSecurityPolicy({ nonce, development: isDevelopment(), https: config.https });

  let response: NextResponse;
  const { pathname, search } = request.nextUrl;
  const token = isPublicPath(pathname) ? null : await getToken({ req: request, secret: config.nextAuthSecret, secureCookie: config.https });
  if (!isPublicPath(pathname) && !sessionUserFromToken(token)) {
    response = NextResponse.redirect(new URL(signInRedirectPath(pathname + search), request.url));
  } else {
    // Next.js reads the nonce from the request's CSP header while rendering.
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set('content-security-policy', csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(staticSecurityHeaders({ https: config.https }))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
