// Errors from the GraphQL API, reduced to what the dashboard acts on: the code (see the API's error
// contract), the input field a BAD_USER_INPUT names, and the request id to quote to support.

export const API_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'INTERNAL_SERVER_ERROR',
  /** The API did not answer, or answered something that is not GraphQL. */
  'API_UNAVAILABLE',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  readonly requestId: string;

  constructor(code: ApiErrorCode, message: string, requestId: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.requestId = requestId;
    this.field = field;
  }
}

interface GraphQLErrorShape {
  message?: unknown;
  extensions?: { code?: unknown; field?: unknown; requestId?: unknown };
}

/** The first error of a GraphQL response as an ApiError (unknown codes count as internal errors). */
export function apiErrorFromGraphQL(errors: readonly GraphQLErrorShape[], requestId: string): ApiError {
  const first = errors[0] ?? {};
  const rawCode = first.extensions?.code;
  // Apollo reports malformed queries as GRAPHQL_VALIDATION_FAILED / GRAPHQL_PARSE_FAILED: our bug, not the user's.
  const code = API_ERROR_CODES.find((known) => known === rawCode) ?? 'INTERNAL_SERVER_ERROR';
  const message = typeof first.message === 'string' && first.message ? first.message : 'The API reported an error.';
  const field = typeof first.extensions?.field === 'string' ? first.extensions.field : undefined;
  const id = typeof first.extensions?.requestId === 'string' ? first.extensions.requestId : requestId;
  return new ApiError(code, message, id, field);
}

/** A message safe to show to a user for an error that is not about their input. */
export function userFacingMessage(error: ApiError): string {
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Please sign in again.';
    case 'FORBIDDEN':
      return 'Your role does not allow this action.';
    case 'NOT_FOUND':
      return 'This item no longer exists.';
    case 'BAD_USER_INPUT':
    case 'CONFLICT':
      return error.message;
    case 'API_UNAVAILABLE':
      return `The risk service is not reachable right now. Please try again in a moment (reference ${error.requestId}).`;
    default:
      return `Something went wrong on our side (reference ${error.requestId}).`;
  }
}
