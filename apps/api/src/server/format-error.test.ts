// The one place errors are translated: a data-layer error thrown from any resolver (or a DataLoader
// batch) reaches formatError wrapped by graphql-js, and leaves with its public code.
import { GraphQLError, locatedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ConflictError, InputError, NotFoundError } from '@probity/db';
import { formatError } from './format-error.ts';

/** What Apollo passes to formatError for an error thrown inside a resolver at `path`. */
function fromResolver(error: Error, path: (string | number)[]) {
  const wrapped = locatedError(error, undefined, path);
  return { formatted: wrapped.toJSON(), error: wrapped };
}

function format(error: Error, path: (string | number)[] = ['portfolio', 'snapshots']) {
  const logged: unknown[] = [];
  const { formatted, error: raw } = fromResolver(error, path);
  return { result: formatError(formatted, raw, 'req-1', (e) => logged.push(e)), logged };
}

describe('formatError', () => {
  it('translates the data layer errors to their public codes, with the field and the request id', () => {
    expect(format(new InputError('first', 'must be an integer between 0 and 200')).result).toEqual({
      message: 'first: must be an integer between 0 and 200',
      path: ['portfolio', 'snapshots'],
      extensions: { code: 'BAD_USER_INPUT', field: 'first', requestId: 'req-1' },
    });
    expect(format(new NotFoundError('Exposure'), ['updateExposure']).result).toEqual({
      message: 'Exposure not found',
      path: ['updateExposure'],
      extensions: { code: 'NOT_FOUND', requestId: 'req-1' },
    });
    expect(format(new ConflictError('name', 'a portfolio named "A" already exists'), ['createPortfolio']).result.extensions).toEqual({
      code: 'CONFLICT',
      field: 'name',
      requestId: 'req-1',
    });
  });

  it('passes GraphQL errors with a public code and masks everything else, logging the original', () => {
    const forbidden = format(new GraphQLError('Not allowed', { extensions: { code: 'FORBIDDEN' } }), ['apiKeys']);
    expect(forbidden.result.extensions).toEqual({ code: 'FORBIDDEN', requestId: 'req-1' });
    expect(forbidden.logged).toEqual([]);

    const internal = new Error('relation "portfolios" does not exist');
    const masked = format(internal, ['portfolios']);
    expect(masked.result).toEqual({
      message: 'Internal server error. Quote request id req-1 when reporting it.',
      path: ['portfolios'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1' },
    });
    expect(masked.logged).toEqual([internal]);
  });
});
