// Calls the GraphQL API on behalf of the signed-in user. The web server mints a short-lived service
// token per call; the browser never sees it. Every call carries a request id that the API logs and
// returns in masked errors, so a failure on a page can be traced to the API's log line.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { signServiceToken } from '@probity/auth';
import { env } from '../env.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Document } from './document.ts';
import { ApiError, apiErrorFromGraphQL } from './errors.ts';

const TIMEOUT_MS = 20_000;

export async function callApi<TData, TVariables>(
  session: Pick<SessionUser, 'userId' | 'organizationId' | 'sessionId'>,
  document: Document<TData, TVariables>,
  variables?: TVariables,
): Promise<TData> {
  const config = env();
  const requestId = randomUUID();
  const token = await signServiceToken(
    { userId: session.userId, organizationId: session.organizationId, sessionId: session.sessionId },
    config.serviceTokenSecret,
  );
  let response: Response;
  try {
    response = await fetch(config.apiUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    logFailure(requestId, 'API_UNAVAILABLE', cause instanceof Error ? cause.message : String(cause));
    throw new ApiError('API_UNAVAILABLE', 'The API did not answer.', requestId);
  }

  let body: { data?: TData | null; errors?: { message?: unknown; extensions?: Record<string, unknown> }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    logFailure(requestId, 'API_UNAVAILABLE', `non-JSON response with HTTP ${response.status}`);
    throw new ApiError('API_UNAVAILABLE', `The API answered HTTP ${response.status} without a GraphQL body.`, requestId);
  }
  if (body.errors && body.errors.length > 0) {
    const error = apiErrorFromGraphQL(body.errors, requestId);
    if (error.code === 'INTERNAL_SERVER_ERROR') logFailure(error.requestId, error.code, error.message);
    throw error;
  }
  if (body.data === undefined || body.data === null) {
    throw new ApiError('INTERNAL_SERVER_ERROR', `The API answered HTTP ${response.status} with no data.`, requestId);
  }
  return body.data;
}

function logFailure(requestId: string, code: string, detail: string): void {
  console.error(JSON.stringify({ level: 'error', msg: 'graphql call failed', service: 'web', requestId, code, detail }));
}
