// Streams a CSV posted by the browser (with its session cookie; it never holds a token) on to an API
// upload endpoint with a service token for the signed-in user, and relays the API's JSON answer. The
// dataset and feature-file uploads share it so that authentication and streaming stay in one place.
import { randomUUID } from 'node:crypto';
import { signServiceToken } from '@probity/auth';
import { currentSession } from '../auth/session.ts';
import { env } from '../env.ts';

/** `apiPath` is relative to the API's root (e.g. `/datasets`); `forwardedParams` are copied from the request's query. */
export async function proxyCsvUpload(request: Request, apiPath: string, forwardedParams: readonly string[]): Promise<Response> {
  const session = await currentSession();
  if (!session) return Response.json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in again to upload.' } }, { status: 401 });
  const config = env();
  const incoming = new URL(request.url);
  const target = new URL(config.apiUrl.replace(/\/graphql$/, apiPath));
  for (const key of forwardedParams) {
    const value = incoming.searchParams.get(key);
    if (value) target.searchParams.set(key, value);
  }
  const token = await signServiceToken({ userId: session.userId, organizationId: session.organizationId }, config.serviceTokenSecret);
  const length = request.headers.get('content-length');
  const response = await fetch(target, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'text/csv',
      'x-request-id': randomUUID(),
      ...(length ? { 'content-length': length } : {}),
    },
    body: request.body,
    // Streams the request body through instead of buffering it (Node's fetch needs the flag).
    duplex: 'half',
  } as RequestInit);
  return new Response(response.body, { status: response.status, headers: { 'content-type': 'application/json' } });
}
