import { describe, expect, it } from 'vitest';
import { apiErrorFromGraphQL, userFacingMessage } from './errors.ts';

describe('apiErrorFromGraphQL', () => {
  it('keeps the code, field and the API request id', () => {
    const error = apiErrorFromGraphQL(
      [{ message: 'input.lgd: must be at most 1', extensions: { code: 'BAD_USER_INPUT', field: 'input.lgd' } }],
      'web-1',
    );
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.lgd',
      requestId: 'web-1',
      message: 'input.lgd: must be at most 1',
    });
    const internal = apiErrorFromGraphQL(
      [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'api-9' } }],
      'web-1',
    );
    expect(internal.requestId).toBe('api-9');
  });
  it('treats unknown codes (e.g. a query the schema rejects) as internal errors', () => {
    expect(apiErrorFromGraphQL([{ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }], 'r').code).toBe(
      'INTERNAL_SERVER_ERROR',
    );
    expect(apiErrorFromGraphQL([], 'r').code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('userFacingMessage', () => {
  it('never passes internal messages through, but quotes the reference', () => {
    const error = apiErrorFromGraphQL(
      [{ message: 'relation "x" does not exist', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' } }],
      'r',
    );
    expect(userFacingMessage(error)).not.toContain('relation');
    expect(userFacingMessage(error)).toContain('req-42');
  });
  it('passes input and conflict messages through', () => {
    expect(userFacingMessage(apiErrorFromGraphQL([{ message: 'name: already taken', extensions: { code: 'CONFLICT' } }], 'r'))).toBe(
      'name: already taken',
    );
  });
});
