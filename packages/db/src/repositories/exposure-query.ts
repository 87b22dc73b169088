// The exposure table's SQL: sort keys, keyset conditions and filters, written to match the indexes of
// the exposure_table_at_scale migration (see packages/db/README.md, "Indexes"). Every sort is
// `ORDER BY <key> <dir>, e.id <dir>` and a cursor is the row comparison `(<key>, e.id) > (…)`, both
// served by the index (portfolio_id, <key>, id), so a page a thousand pages deep costs what the first
// does. Filters and search use columns of the exposure row (the obligor's fields are copied onto it).
// PD and grade come from the portfolio's latest succeeded scoring run: when the page sorts or filters
// by them it joins that run's scores (`s`), and the PD order walks that run's partition of scores by (pd, exposure_id).
import { Prisma, type Exposure as ExposureRow } from '../generated/prisma/client.ts';
import type { ExposureStatus, Segment } from '../domain/values.ts';
import { InputError } from '../errors.ts';
import { MONEY, parseDecimal } from '../decimal.ts';
import { TEXT_LIMITS } from '../domain/limits.ts';
import { optionalText, uuid } from '../validate.ts';
import type { CursorValue } from '../pagination.ts';
import { searchConditions } from './exposure-search.ts';

export const EXPOSURE_SORT_FIELDS = [
  'EAD',
  'LIMIT',
  'LGD',
  'DAYS_PAST_DUE',
  'MATURITY_DATE',
  'EXTERNAL_ID',
  'OBLIGOR_NAME',
  'UPDATED_AT',
  'PD',
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
  /** Grade on the master scale in the latest succeeded scoring run. */
  grade?: string | null;
  /** PD in the latest succeeded scoring run, at least / at most. */
  minPd?: number | null;
  maxPd?: number | null;
}

/** The latest succeeded run a page reads PDs from, and the PD range of the grade it filters by. */
export interface ScoringJoin {
  runId: string;
  /** Scores in the run (the count of an unfiltered page sorted by PD). */
  scoredCount: number;
  /**
   * min and max PD of the filtered grade in the run; null when the run has no such grade. `exclusive`:
   * no other grade of the run has a PD in that range, so the range alone selects the grade's scores.
   */
  gradeRange?: { minPd: number; maxPd: number; exclusive?: boolean } | null;
}

interface SortKey {
  /** The ordered expression, exactly as the index declares it. */
  sql: Prisma.Sql;
  /** The cursor's value of a row (JSON-safe). */
  value(row: ExposureRow): string | number | null;
  /** The cursor value as a typed SQL parameter; throws when a tampered cursor holds a wrong type. */
  param(v: string | number | null): Prisma.Sql | null;
  /** The key lives in the run's scores (`s`): the page query returns it as `k`, the tie-break is s.exposure_id. */
  scored?: boolean;
}

// What a cursor written by this module holds; anything else is refused before any SQL.
const DECIMAL = /^\d{1,16}(\.\d{1,4})?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isDay = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(v)) && v >= '1900' && v < '3000';
const isInstant = (v: string) => ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)) && v >= '1900' && v < '3000';
// eslint-disable-next-line no-control-regex
const isStoredText = (v: string) => v.length <= 1000 && !/\u0000/.test(v);

/**
 * A fixed-scale decimal's text (at most `scale` places) as the integer of its smallest unit (the
 * scaled sort keys' value), exactly, by string arithmetic; null when it has more places than that or
 * the integer reaches `limit`.
 */
export function scaledInteger(text: string, scale: number, limit: bigint): bigint | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) return null;
  const value = BigInt(match[1]! + fraction.padEnd(scale, '0'));
  return value < limit ? value : null;
}

// The decimal sort keys are integers of the column's smallest unit (see the integer_sort_keys
// migration: a sort on an integer key builds at about half the cost of a numeric one). The column's
// fixed scale makes the integer order the decimal order exactly; the cursor stays the decimal's text.
const decimalKey = (column: string, field: 'ead' | 'limit' | 'lgd', scale: number, type: 'bigint' | 'int'): SortKey => {
  const limit = type === 'bigint' ? 2n ** 63n : 2n ** 31n;
  return {
    sql: Prisma.raw(`((${column} * ${10 ** scale})::${type})`),
    value: (row) => row[field].toString(),
    param: (v) => {
      const scaled = typeof v === 'string' && DECIMAL.test(v) ? scaledInteger(v, scale, limit) : null;
      return scaled === null ? null : Prisma.sql`${scaled.toString()}::${Prisma.raw(type)}`;
    },
  };
};

/** `((e.ead * 100)::bigint)`: the EAD in cents, as the EAD sort and range filter's index keys it. */
export const EAD_CENTS_SQL = '((e.ead * 100)::bigint)';

const textKey = (column: string, value: (row: ExposureRow) => string | null): SortKey => ({
  sql: Prisma.raw(column),
  value,
  param: (v) => (typeof v === 'string' && isStoredText(v) ? Prisma.sql`${v}::text` : null),
});

export const SORT_KEYS: Record<ExposureSortField, SortKey> = {
  EAD: decimalKey('e.ead', 'ead', 2, 'bigint'),
  LIMIT: decimalKey('e."limit"', 'limit', 2, 'bigint'),
  LGD: decimalKey('e.lgd', 'lgd', 4, 'int'),
  DAYS_PAST_DUE: {
    sql: Prisma.raw('e.days_past_due'),
    value: (row) => row.daysPastDue,
    param: (v) => (Number.isSafeInteger(v) && Math.abs(v as number) < 2 ** 31 ? Prisma.sql`${v}::int` : null),
  },
  // Nulls sort as 'infinity': last ascending, first descending, as the index orders them.
  MATURITY_DATE: {
    sql: Prisma.raw(`coalesce(e.maturity_date, 'infinity'::date)`),
    value: (row) => row.maturityDate?.toISOString().slice(0, 10) ?? null,
    param: (v) => (v === null ? Prisma.sql`'infinity'::date` : typeof v === 'string' && isDay(v) ? Prisma.sql`${v}::date` : null),
  },
  // `external_id || ''`: the same text in the same collation, keyed so that only its own index,
  // (portfolio_id, (external_id || ''), id), can order it. On the bare column the unique
  // (organization_id, external_id) index could too, and the planner took it: a page then walked every
  // reference of the organization's other books that sorts first (100,000 rows, 25 to 35 ms a page
  // beside a million in bench:scale; a book behind ten such, seconds). Migration external_id_sort_key.
  // Both text keys in byte order (COLLATE "C"), as their indexes are built: the same order on every
  // server, and about half the build and comparison cost of a libc locale (migration text_sort_keys_bytewise).
  EXTERNAL_ID: textKey(`((e.external_id || '') COLLATE "C")`, (row) => row.externalId),
  OBLIGOR_NAME: textKey('(e.obligor_name COLLATE "C")', (row) => row.obligorName),
  UPDATED_AT: {
    sql: Prisma.raw('e.updated_at'),
    value: (row) => row.updatedAt.toISOString(),
    param: (v) => (typeof v === 'string' && isInstant(v) ? Prisma.sql`${v}::timestamptz` : null),
  },
  // A double's shortest text round-trips exactly, so the cursor compares equal to the stored PD.
  PD: {
    sql: Prisma.raw('s.pd'),
    scored: true,
    value: () => null,
    param: (v) =>
      typeof v === 'number' && Number.isFinite(v) ? Prisma.sql`${String(v)}::float8` : v === 'NaN' ? Prisma.sql`'NaN'::float8` : null,
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
  return Prisma.sql`ORDER BY ${key.sql} ${d}, ${tieOf(key)} ${d}`;
}

const tieOf = (key: SortKey) => Prisma.raw(key.scored ? 's.exposure_id' : 'e.id');

/** Rows strictly after the cursor when walking `dir`: one row comparison, an index condition. */
export function afterCursorSql(key: SortKey, dir: 'asc' | 'desc', cursor: CursorValue, field: string): Prisma.Sql {
  const value = key.param(cursor.v);
  if (!value) throw new InputError(field, 'is not a valid cursor for this order');
  const op = Prisma.raw(dir === 'asc' ? '>' : '<');
  return Prisma.sql`(${key.sql}, ${tieOf(key)}) ${op} (${value}, ${cursor.id}::uuid)`;
}

/**
 * The filter's conditions over `e` (an exposure row), the portfolio and organization included;
 * `commonWords`: the search's words nearly every row of the portfolio holds (see exposure-search.ts).
 */
export function filterConditions(
  organizationId: string,
  portfolioId: string,
  filter: ExposureFilter,
  commonWords: ReadonlySet<string> = new Set(),
): Prisma.Sql[] {
  const and: Prisma.Sql[] = [Prisma.sql`e.portfolio_id = ${portfolioId}::uuid`, Prisma.sql`e.organization_id = ${organizationId}::uuid`];
  const filterText = (name: keyof ExposureFilter, value: string | null | undefined) =>
    optionalText(`filter.${name}`, value, { max: TEXT_LIMITS.filter });
  if (filter.segment) and.push(Prisma.sql`e.obligor_segment = ${filter.segment}::"Segment"`);
  const sector = filterText('sector', filter.sector);
  if (sector) and.push(Prisma.sql`e.obligor_sector = ${sector}`);
  const country = filterText('country', filter.country)?.toUpperCase();
  if (country) {
    if (!/^[A-Z]{2}$/.test(country)) throw new InputError('filter.country', 'must be a two-letter ISO 3166-1 code');
    and.push(Prisma.sql`e.obligor_country::text = ${country}`);
  }
  if (filter.status) and.push(Prisma.sql`e.status = ${filter.status}::"ExposureStatus"`);
  const currency = filterText('currency', filter.currency)?.toUpperCase();
  if (currency) {
    if (!/^[A-Z]{3}$/.test(currency)) throw new InputError('filter.currency', 'must be a three-letter ISO 4217 code');
    and.push(Prisma.sql`e.currency::text = ${currency}`);
  }
  const product = filterText('product', filter.product);
  if (product) and.push(Prisma.sql`e.product = ${product}`);
  if (filter.obligorId) and.push(Prisma.sql`e.obligor_id = ${uuid('filter.obligorId', filter.obligorId)}::uuid`);
  // In cents, as the EAD index keys it (a bound has at most two places, so the condition is exact).
  const cents = (name: 'minEad' | 'maxEad', value: string) =>
    Prisma.sql`${parseDecimal(`filter.${name}`, value, MONEY).times(100).toFixed(0)}::bigint`;
  if (filter.minEad != null) and.push(Prisma.sql`${Prisma.raw(EAD_CENTS_SQL)} >= ${cents('minEad', filter.minEad)}`);
  if (filter.maxEad != null) and.push(Prisma.sql`${Prisma.raw(EAD_CENTS_SQL)} <= ${cents('maxEad', filter.maxEad)}`);
  if (filter.minDaysPastDue != null) {
    if (!Number.isInteger(filter.minDaysPastDue) || filter.minDaysPastDue < 0)
      throw new InputError('filter.minDaysPastDue', 'must be a non-negative integer');
    and.push(Prisma.sql`e.days_past_due >= ${filter.minDaysPastDue}::int`);
  }
  // Control characters (the newline joining the three searched fields among them) are refused here,
  // so no match can span two fields.
  const search = optionalText('filter.search', filter.search, { max: TEXT_LIMITS.search });
  if (search) and.push(...searchConditions(search, commonWords));
  return and;
}

/** True when the filter reads the scores (grade or PD range). */
export function filtersScores(filter: ExposureFilter): boolean {
  return Boolean(filter.grade?.trim()) || filter.minPd != null || filter.maxPd != null;
}

/** Checks the score filter's values before any run is looked up; returns the grade to filter by (trimmed), if any. */
export function checkScoreFilter(filter: ExposureFilter): string | null {
  const grade = optionalText('filter.grade', filter.grade, { max: TEXT_LIMITS.filter });
  for (const field of ['minPd', 'maxPd'] as const) {
    const value = filter[field];
    if (value != null && (!Number.isFinite(value) || value < 0 || value > 1))
      throw new InputError(`filter.${field}`, `must be a PD in [0, 1], got ${value}`);
  }
  if (filter.minPd != null && filter.maxPd != null && filter.minPd > filter.maxPd)
    throw new InputError('filter.minPd', 'must not exceed filter.maxPd');
  return grade;
}

/** The score conditions over `s` (the run's score of the exposure); values checked by checkScoreFilter. */
export function scoreConditions(filter: ExposureFilter, join: ScoringJoin): Prisma.Sql[] {
  const and: Prisma.Sql[] = [];
  const grade = optionalText('filter.grade', filter.grade, { max: TEXT_LIMITS.filter });
  if (grade) {
    // Grades are PD bands: the grade's PD range in this run lets the run's (pd, exposure_id) index narrow the scan.
    // When no other grade reaches into the range, the range alone is the grade, and the grade is not
    // asked again: PostgreSQL would take the two for independent conditions and expect only the grade's
    // share of the range's rows (at a million, a few hundred matches where there were thousands, which
    // it then counted exactly, row by row).
    const range = join.gradeRange;
    if (!range) and.push(Prisma.sql`false`);
    else {
      if (!range.exclusive) and.push(Prisma.sql`s.grade = ${grade}`);
      and.push(Prisma.sql`s.pd BETWEEN ${String(range.minPd)}::float8 AND ${String(range.maxPd)}::float8`);
    }
  }
  if (filter.minPd != null) and.push(Prisma.sql`s.pd >= ${String(filter.minPd)}::float8`);
  if (filter.maxPd != null) and.push(Prisma.sql`s.pd <= ${String(filter.maxPd)}::float8`);
  return and;
}

/** True when the filter narrows the portfolio (so its total is not the portfolio's exposure count). */
export function isFiltered(filter: ExposureFilter): boolean {
  return Object.values(filter).some((v) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === ''));
}

/**
 * Whether a sorted page filtered on the exposures should find the filter's matches first and sort
 * them, rather than walk its sort index (the run's PD index, or the exposures' own) and check each
 * exposure until the page is full.
 * Walking reads about portfolio / matches rows per row of the page; matches first reads each match
 * once, so the two cost the same at sqrt(portfolio x page) matches. PostgreSQL prices the walk as if
 * every row it checks were cached, so it walks far past that point: at 5,000,000 exposures, CLOSED +
 * LU (3,380 matches) sorted by PD walked 36,000 scores and their exposures, 1.4 GB of pages, in 365 to
 * 770 ms; matches first read 17,000 pages in 42 ms (440 cold). Above the point it loses (23,000
 * matches: 620 ms). Sorted by EAD the same page walked the EAD index in 90 to 160 ms. Only for
 * portfolios over SMALL_PORTFOLIO, where the walk leaves the cache.
 */
export function matchesFirstPays(plannedMatches: number, portfolioSize: number, pageRows: number): boolean {
  return plannedMatches <= Math.sqrt(portfolioSize * pageRows);
}
