// The errors clients may see. Anything else is masked as INTERNAL_SERVER_ERROR with the request id
// (see server/format-error.ts); the full error goes to the server log.
import { GraphQLError } from 'graphql';
import { ConflictError, InputError, NotFoundError } from '@probity/db';

export const PUBLIC_ERROR_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
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
  new GraphQLError(`Not allowed: this needs the ${permission} permission.`, { extensions: { code: 'FORBIDDEN' } });

export const notFound = (entity: string) => new GraphQLError(`${entity} not found`, { extensions: { code: 'NOT_FOUND' } });

export const badInput = (field: string, message: string) =>
  new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field } });

/** Translates the data layer's typed errors into client errors; anything else is rethrown as is. */
export function toGraphQLError(error: unknown): unknown {
  if (error instanceof InputError) return badInput(error.field, error.message.slice(error.field.length + 2));
  if (error instanceof NotFoundError) return notFound(error.entity);
  if (error instanceof ConflictError) {
    return new GraphQLError(error.message, { extensions: { code: 'CONFLICT', field: error.field } });
  }
  return error;
}

/** Runs a data-layer call, translating its typed errors. */
export async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toGraphQLError(error);
  }
}
