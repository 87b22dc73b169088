// The exposure table's SQL: sort keys, keyset conditions and filters, written to match the indexes of
// the exposure_table_at_scale migration (see packages/db/README.md, "Indexes"). Every sort is
// `ORDER BY <key> <dir>, e.id <dir>` and a cursor is the row comparison `(<key>, e.id) > (…)`, both
// served by the index (portfolio_id, <key>, id), so a page a thousand pages deep costs what the first
// does. Filters and search use columns of the exposure row (the obligor's fields are copied onto it).
import { Prisma, type Exposure as ExposureRow } from '../generated/prisma/client.ts';
import type { ExposureStatus, Segment } from '../domain/values.ts';
import { InputError } from '../errors.ts';
import { MONEY, parseDecimal } from '../decimal.ts';
import { isUuid } from '../ids.ts';
import type { CursorValue } from '../pagination.ts';

export const EXPOSURE_SORT_FIELDS = [
  'EAD',
  'LIMIT',
  'LGD',
  'DAYS_PAST_DUE',
  'MATURITY_DATE',
  'EXTERNAL_ID',
  'OBLIGOR_NAME',
  'UPDATED_AT',
] as const;
export type ExposureSortField = (typeof EXPOSURE_SORT_FIELDS)[number];
export type SortDirection = 'ASC' | 'DESC';

export interface ExposureOrder {
  field: ExposureSortField;
  direction: SortDirection;
}

export interface ExposureFilter {
  /** Case-insensitive match on the facility reference, obligor name or obligor reference. */
  search?: string | null;
  segment?: Segment | null;
  sector?: string | null;
  country?: string | null;
  status?: ExposureStatus | null;
  currency?: string | null;
  product?: string | null;
  minEad?: string | null;
  maxEad?: string | null;
  minDaysPastDue?: number | null;
  obligorId?: string | null;
}

interface SortKey {
  /** The ordered expression, exactly as the index declares it. */
  sql: Prisma.Sql;
  /** The cursor's value of a row (JSON-safe). */
  value(row: ExposureRow): string | number | null;
  /** The cursor value as a typed SQL parameter; throws when a tampered cursor holds a wrong type. */
  param(v: string | number | null): Prisma.Sql | null;
}

const DECIMAL = /^-?\d{1,20}(\.\d{1,6})?$/;
const DAY = /^\d{4}-\d{2}-\d{2}/;

const decimalKey = (column: string, field: 'ead' | 'limit' | 'lgd'): SortKey => ({
  sql: Prisma.raw(column),
  value: (row) => row[field].toString(),
  param: (v) => (typeof v === 'string' && DECIMAL.test(v) ? Prisma.sql`${v}::numeric` : null),
});

const textKey = (column: string, value: (row: ExposureRow) => string | null): SortKey => ({
  sql: Prisma.raw(column),
  value,
  param: (v) => (typeof v === 'string' ? Prisma.sql`${v}::text` : null),
});

export const SORT_KEYS: Record<ExposureSortField, SortKey> = {
  EAD: decimalKey('e.ead', 'ead'),
  LIMIT: decimalKey('e."limit"', 'limit'),
  LGD: decimalKey('e.lgd', 'lgd'),
  DAYS_PAST_DUE: {
    sql: Prisma.raw('e.days_past_due'),
    value: (row) => row.daysPastDue,
    param: (v) => (typeof v === 'number' && Number.isInteger(v) ? Prisma.sql`${v}::int` : null),
  },
  // Nulls sort as 'infinity': last ascending, first descending, as the index orders them.
  MATURITY_DATE: {
    sql: Prisma.raw(`coalesce(e.maturity_date, 'infinity'::date)`),
    value: (row) => row.maturityDate?.toISOString().slice(0, 10) ?? null,
    param: (v) =>
      v === null ? Prisma.sql`'infinity'::date` : typeof v === 'string' && DAY.test(v) ? Prisma.sql`${v.slice(0, 10)}::date` : null,
  },
  EXTERNAL_ID: textKey('e.external_id', (row) => row.externalId),
  OBLIGOR_NAME: textKey('e.obligor_name', (row) => row.obligorName),
  UPDATED_AT: {
    sql: Prisma.raw('e.updated_at'),
    value: (row) => row.updatedAt.toISOString(),
    param: (v) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Prisma.sql`${v}::timestamptz` : null),
  },
};

export function sortKeyOf(field: ExposureSortField): SortKey {
  const key = SORT_KEYS[field];
  if (!key) throw new InputError('orderBy.field', `must be one of ${EXPOSURE_SORT_FIELDS.join(', ')}`);
  return key;
}

/** `ORDER BY` for walking `dir`, with the id as tie-break in the same direction. */
export function orderBySql(key: SortKey, dir: 'asc' | 'desc'): Prisma.Sql {
  const d = Prisma.raw(dir === 'asc' ? 'ASC' : 'DESC');
  return Prisma.sql`ORDER BY ${key.sql} ${d}, e.id ${d}`;
}

/** Rows strictly after the cursor when walking `dir`: one row comparison, an index condition. */
export function afterCursorSql(key: SortKey, dir: 'asc' | 'desc', cursor: CursorValue, field: string): Prisma.Sql {
  const value = key.param(cursor.v);
  if (!value) throw new InputError(field, 'is not a valid cursor');
  const op = Prisma.raw(dir === 'asc' ? '>' : '<');
  return Prisma.sql`(${key.sql}, e.id) ${op} (${value}, ${cursor.id}::uuid)`;
}

/** The search expression the trigram index is built on: three fields joined by a newline. */
export const SEARCH_SQL = Prisma.raw(`(e.external_id || E'\\n' || e.obligor_external_id || E'\\n' || e.obligor_name)`);

/** `%text%` for ILIKE, with the pattern characters of the search itself taken literally. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The filter's conditions over `e` (an exposure row), the portfolio and organization included. */
export function filterConditions(organizationId: string, portfolioId: string, filter: ExposureFilter): Prisma.Sql[] {
  const and: Prisma.Sql[] = [Prisma.sql`e.portfolio_id = ${portfolioId}::uuid`, Prisma.sql`e.organization_id = ${organizationId}::uuid`];
  if (filter.segment) and.push(Prisma.sql`e.obligor_segment = ${filter.segment}::"Segment"`);
  if (filter.sector) and.push(Prisma.sql`e.obligor_sector = ${filter.sector}`);
  if (filter.country) and.push(Prisma.sql`e.obligor_country::text = ${filter.country.toUpperCase()}`);
  if (filter.status) and.push(Prisma.sql`e.status = ${filter.status}::"ExposureStatus"`);
  if (filter.currency) and.push(Prisma.sql`e.currency::text = ${filter.currency.toUpperCase()}`);
  if (filter.product) and.push(Prisma.sql`e.product = ${filter.product}`);
  if (filter.obligorId) and.push(isUuid(filter.obligorId) ? Prisma.sql`e.obligor_id = ${filter.obligorId}::uuid` : Prisma.sql`false`);
  if (filter.minEad != null) and.push(Prisma.sql`e.ead >= ${parseDecimal('filter.minEad', filter.minEad, MONEY).toFixed()}::numeric`);
  if (filter.maxEad != null) and.push(Prisma.sql`e.ead <= ${parseDecimal('filter.maxEad', filter.maxEad, MONEY).toFixed()}::numeric`);
  if (filter.minDaysPastDue != null) {
    if (!Number.isInteger(filter.minDaysPastDue) || filter.minDaysPastDue < 0)
      throw new InputError('filter.minDaysPastDue', 'must be a non-negative integer');
    and.push(Prisma.sql`e.days_past_due >= ${filter.minDaysPastDue}::int`);
  }
  const search = filter.search?.trim();
  if (search) {
    if (search.length > 100) throw new InputError('filter.search', 'must be at most 100 characters');
    // A control character could match across the newline that joins the three searched fields.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(search)) throw new InputError('filter.search', 'must not contain control characters');
    and.push(Prisma.sql`${SEARCH_SQL} ILIKE ${containsPattern(search)}`);
  }
  return and;
}

/** True when the filter narrows the portfolio (so its total is not the portfolio's exposure count). */
export function isFiltered(filter: ExposureFilter): boolean {
  return Object.values(filter).some((v) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === ''));
}
