// The dashboard's feature-file upload: the browser posts the CSV here with its session cookie, and the
// web server streams it on to the API's POST /portfolios/<id>/features with a service token for the
// signed-in user, then relays the answer (the load, or every issue in the file).
import { randomUUID } from 'node:crypto';
import { signServiceToken } from '@probity/auth';
import { currentSession } from '../../../../../auth/session.ts';
import { env } from '../../../../../env.ts';

export async function POST(request: Request, { params }: { params: Promise<{ portfolioId: string }> }): Promise<Response> {
  const session = await currentSession();
  if (!session) return Response.json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in again to upload.' } }, { status: 401 });
  const { portfolioId } = await params;
  const config = env();
  const incoming = new URL(request.url);
  const target = new URL(config.apiUrl.replace(/\/graphql$/, `/portfolios/${encodeURIComponent(portfolioId)}/features`));
  for (const key of ['asOf', 'level', 'idColumn', 'fileName']) {
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
