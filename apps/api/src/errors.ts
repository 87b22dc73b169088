// The errors clients may see. Resolvers throw these GraphQL errors or let the data layer's typed
// errors (InputError, NotFoundError, ConflictError) fly: server/format-error.ts translates those once,
// for every resolver. Anything else is masked as INTERNAL_SERVER_ERROR with the request id; the full
// error goes to the server log.
import { GraphQLError } from 'graphql';
import { ConflictError, InputError, isDatabaseUnavailable, NotFoundError, QueryTimeoutError, TooManyAttemptsError } from '@probity/db';

export const PUBLIC_ERROR_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
  'QUERY_TOO_EXPENSIVE',
  'QUERY_TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export const unauthenticated = () =>
  new GraphQLError('Authentication required: send Authorization: Bearer <API key>, or sign in to the dashboard.', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });

export const forbidden = (permission: string) =>
  new GraphQLError(`Not allowed: this needs the ${permission} permission.`, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });

export const usersOnly = (what: string) => new GraphQLError(`Only a signed-in user can ${what}.`, { extensions: { code: 'FORBIDDEN' } });

export const passwordChangeRequired = () =>
  new GraphQLError('Change your temporary password first (changeMyPassword).', {
    extensions: { code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' },
  });

/** HTTP 429 with Retry-After: a per-credential budget, or too many wrong tries. */
export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

export const notFound = (entity: string) => new GraphQLError(`${entity} not found`, { extensions: { code: 'NOT_FOUND' } });

export const badInput = (field: string, message: string) =>
  new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field } });

export const DATABASE_UNAVAILABLE = 'The database is unavailable. Try again in a few seconds.';

/** What a client may see of the data layer's typed errors; null for anything else (masked). */
export function publicDataError(error: unknown): { message: string; extensions: Record<string, unknown> } | null {
  if (error instanceof InputError) return { message: error.message, extensions: { code: 'BAD_USER_INPUT', field: error.field } };
  if (error instanceof NotFoundError) return { message: error.message, extensions: { code: 'NOT_FOUND' } };
  if (error instanceof ConflictError) return { message: error.message, extensions: { code: 'CONFLICT', field: error.field } };
  if (error instanceof QueryTimeoutError) return { message: error.message, extensions: { code: 'QUERY_TIMEOUT' } };
  if (error instanceof TooManyAttemptsError) {
    const retryAfterSeconds = Math.ceil(error.retryAfterMs / 1000);
    return {
      message: error.message,
      extensions: { code: 'RATE_LIMITED', field: error.field, retryAfterSeconds },
    };
  }
  // PostgreSQL stopped or unreachable: a fault of ours, not the caller's; they should retry shortly.
  if (isDatabaseUnavailable(error)) return { message: DATABASE_UNAVAILABLE, extensions: { code: 'SERVICE_UNAVAILABLE' } };
  return null;
}
