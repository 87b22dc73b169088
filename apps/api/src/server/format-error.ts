// Error translation and masking, in one place for every resolver: the data layer's typed errors
// become their public codes (BAD_USER_INPUT with the field, NOT_FOUND, CONFLICT); GraphQL errors with
// a public code pass; everything else becomes INTERNAL_SERVER_ERROR carrying the request id, and the
// full error is logged server-side under the same id. Clients never see a stack trace, SQL or
// internal detail.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { PUBLIC_ERROR_CODES, publicDataError } from '../errors.ts';

export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  requestId: string | undefined,
  logError: (error: unknown) => void,
  options: { production?: boolean } = {},
): GraphQLFormattedError {
  const withRequestId = (extensions: Record<string, unknown>) => ({ ...extensions, ...(requestId ? { requestId } : {}) });
  const dataError = publicDataError(unwrapResolverError(error));
  if (dataError) {
    return {
      message: dataError.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: withRequestId(dataError.extensions),
    };
  }
  let code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  // A literal argument its scalar refuses (a Date of 2026-02-31) fails validation; the scalar's own
  // verdict, BAD_USER_INPUT, says better what is wrong, as it does for the same value in a variable.
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError && original.extensions.code === 'BAD_USER_INPUT') {
    code = 'BAD_USER_INPUT';
    formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
  }
  if (code && PUBLIC_ERROR_CODES.has(code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    // In production the schema is not introspectable, so no message may spell out its names either:
    // graphql-js suggests fields, types and enum values ("Did you mean the enum value ADMIN?").
    const message = options.production ? withoutSuggestions(formatted.message) : formatted.message;
    return { ...formatted, message, extensions: withRequestId(extensions) };
  }
  logError(unwrapResolverError(error));
  return {
    message: `Internal server error. Quote request id ${requestId ?? 'unknown'} when reporting it.`,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: withRequestId({ code: 'INTERNAL_SERVER_ERROR' }),
  };
}

/** The message without graphql-js's "Did you mean …?" hints. */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}
