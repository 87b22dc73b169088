// Scalars. Decimal travels as a string so money and ratios keep every digit (never a float).
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { checkInstant, InputError, parseLocalDate as checkLocalDate } from '@probity/db';

const DECIMAL = /^-?\d{1,20}(\.\d{1,10})?$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text.trim())) {
    throw new GraphQLError(`Decimal must be a number written as a string, e.g. "1250.50"; got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return text.trim();
}

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  serialize: (value) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    if (value && typeof (value as { toFixed?: unknown }).toFixed === 'function') return (value as { toFixed(): string }).toFixed();
    throw new TypeError(`Decimal cannot represent ${String(value)}`);
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.value);
    throw new GraphQLError('Decimal must be a string such as "1250.50"', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});

// Days and instants are checked by the data layer's own rules (a real calendar day, a year PostgreSQL
// stores): a value that passes here can never become a database error.
function parseLocalDate(value: unknown): string {
  if (typeof value !== 'string' || !LOCAL_DATE.test(value)) {
    throw new GraphQLError(`Date must be YYYY-MM-DD; got ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  try {
    checkLocalDate('Date', value);
  } catch (error) {
    throw new GraphQLError(error instanceof InputError ? error.message : `Date: ${value} is not valid`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

function checkedInstant(parse: (value: unknown) => Date, value: unknown): Date {
  const instant = parse(value);
  try {
    return checkInstant('DateTime', instant);
  } catch (error) {
    throw new GraphQLError(error instanceof InputError ? error.message : 'DateTime is not valid', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
}

// graphql-scalars' DateTime takes any year JavaScript can hold (0000 included); PostgreSQL cannot.
const BoundedDateTime = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  parseValue: (value) => checkedInstant((v) => DateTimeResolver.parseValue(v), value),
  parseLiteral: (ast, variables) => checkedInstant(() => DateTimeResolver.parseLiteral(ast, variables), undefined),
});

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseLocalDate(value)),
  parseValue: parseLocalDate,
  parseLiteral: (ast) => parseLocalDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const scalarResolvers = {
  DateTime: BoundedDateTime,
  Date: DateScalar,
  Decimal: DecimalScalar,
  JSON: JSONResolver,
};
