// The dashboard's dataset upload: the browser posts the file here with its session cookie (it never
// holds a token), and the web server streams the body on to the API's POST /datasets with a service
// token for the signed-in user, then relays the API's answer (the dataset, or the validation report).
import { randomUUID } from 'node:crypto';
import { signServiceToken } from '@probity/auth';
import { currentSession } from '../../../../auth/session.ts';
import { env } from '../../../../env.ts';

export async function POST(request: Request): Promise<Response> {
  const session = await currentSession();
  if (!session) return Response.json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in again to upload.' } }, { status: 401 });
  const config = env();
  const incoming = new URL(request.url);
  const target = new URL(config.apiUrl.replace(/\/graphql$/, '/datasets'));
  for (const key of ['name', 'description', 'target']) {
    const value = incoming.searchParams.get(key);
    if (value) target.searchParams.set(key, value);
  }
  const token = await signServiceToken({ userId: session.userId, organizationId: session.organizationId }, config.serviceTokenSecret);
  const response = await fetch(target, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'text/csv',
      'x-request-id': randomUUID(),
      ...(request.headers.get('content-length') ? { 'content-length': request.headers.get('content-length')! } : {}),
    },
    body: request.body,
    // Streams the request body through instead of buffering it (Node's fetch needs the flag).
    duplex: 'half',
  } as RequestInit);
  return new Response(response.body, { status: response.status, headers: { 'content-type': 'application/json' } });
}
