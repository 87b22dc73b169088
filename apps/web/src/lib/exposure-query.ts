// The exposure table's state lives in the URL (shareable, back-button friendly, works without
// JavaScript). This module turns search params into API variables and builds links that change one
// thing at a time. Unknown or malformed values are dropped rather than sent to the API.
import { TEXT_LIMITS } from '@probity/db/limits';
import { EXPOSURE_STATUSES, SEGMENTS, type ExposureStatus, type Segment, type SortDirection } from '../api/documents/common.ts';
import {
  EXPOSURE_SORT_FIELDS,
  type ExposureFilter,
  type ExposurePageVariables,
  type ExposureSortField,
} from '../api/documents/exposures.ts';

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
const MAX_TEXT = TEXT_LIMITS.filter;
const DECIMAL = /^\d{1,15}(\.\d{1,2})?$/;

export type SearchParams = Record<string, string | string[] | undefined>;

export interface ExposureQuery {
  search?: string;
  segment?: Segment;
  status?: ExposureStatus;
  sector?: string;
  country?: string;
  minEad?: string;
  maxEad?: string;
  minDaysPastDue?: number;
  /** Master-scale grade in the latest scoring run. */
  grade?: string;
  /** PD bounds in percent (the URL's unit: "2.5" is 2.5 %). */
  minPd?: number;
  maxPd?: number;
  sort: ExposureSortField;
  direction: SortDirection;
  pageSize: number;
  after?: string;
  before?: string;
}

function single(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed.slice(0, MAX_TEXT) : undefined;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  const upper = value?.toUpperCase();
  return allowed.find((candidate) => candidate === upper);
}

/** A percentage in [0, 100], or undefined. */
function percent(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,3}(\.\d{1,6})?$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 100 ? n : undefined;
}

/** Percent to a PD without binary noise from the division (2.5 % is 0.025, not 0.025000000000000001). */
const toPd = (pct: number) => Number((pct / 100).toPrecision(12));

export function parseExposureQuery(params: SearchParams): ExposureQuery {
  const size = Number(single(params, 'size'));
  const dpd = Number(single(params, 'dpd'));
  const minEad = single(params, 'minEad');
  const maxEad = single(params, 'maxEad');
  const country = single(params, 'country')?.toUpperCase();
  const after = single(params, 'after');
  const before = after ? undefined : single(params, 'before');
  const query: ExposureQuery = {
    sort: oneOf(single(params, 'sort'), EXPOSURE_SORT_FIELDS) ?? 'EAD',
    direction: single(params, 'dir')?.toUpperCase() === 'ASC' ? 'ASC' : 'DESC',
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
  const search = single(params, 'q');
  if (search) query.search = search;
  const segment = oneOf(single(params, 'segment'), SEGMENTS);
  if (segment) query.segment = segment;
  const status = oneOf(single(params, 'status'), EXPOSURE_STATUSES);
  if (status) query.status = status;
  const sector = single(params, 'sector');
  if (sector) query.sector = sector;
  if (country && /^[A-Z]{2}$/.test(country)) query.country = country;
  if (minEad && DECIMAL.test(minEad)) query.minEad = minEad;
  if (maxEad && DECIMAL.test(maxEad)) query.maxEad = maxEad;
  if (Number.isInteger(dpd) && dpd > 0 && dpd < 100_000) query.minDaysPastDue = dpd;
  const grade = single(params, 'grade');
  if (grade) query.grade = grade;
  const minPd = percent(single(params, 'minPd'));
  if (minPd !== undefined) query.minPd = minPd;
  const maxPd = percent(single(params, 'maxPd'));
  if (maxPd !== undefined) query.maxPd = maxPd;
  if (after) query.after = after;
  if (before) query.before = before;
  return query;
}

export function exposureFilter(query: ExposureQuery): ExposureFilter {
  const filter: ExposureFilter = {};
  if (query.search) filter.search = query.search;
  if (query.segment) filter.segment = query.segment;
  if (query.status) filter.status = query.status;
  if (query.sector) filter.sector = query.sector;
  if (query.country) filter.country = query.country;
  if (query.minEad) filter.minEad = query.minEad;
  if (query.maxEad) filter.maxEad = query.maxEad;
  if (query.minDaysPastDue !== undefined) filter.minDaysPastDue = query.minDaysPastDue;
  if (query.grade) filter.grade = query.grade;
  if (query.minPd !== undefined) filter.minPd = toPd(query.minPd);
  if (query.maxPd !== undefined) filter.maxPd = toPd(query.maxPd);
  return filter;
}

export function exposureVariables(portfolioId: string, query: ExposureQuery): ExposurePageVariables {
  const page = query.before
    ? { last: query.pageSize, before: query.before }
    : { first: query.pageSize, ...(query.after ? { after: query.after } : {}) };
  return { id: portfolioId, ...page, filter: exposureFilter(query), orderBy: { field: query.sort, direction: query.direction } };
}

export function hasActiveFilter(query: ExposureQuery): boolean {
  return Object.keys(exposureFilter(query)).length > 0;
}

/** Search params for a query; defaults are left out so URLs stay short. */
export function toSearchParams(query: ExposureQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.search) params.set('q', query.search);
  if (query.segment) params.set('segment', query.segment);
  if (query.status) params.set('status', query.status);
  if (query.sector) params.set('sector', query.sector);
  if (query.country) params.set('country', query.country);
  if (query.minEad) params.set('minEad', query.minEad);
  if (query.maxEad) params.set('maxEad', query.maxEad);
  if (query.minDaysPastDue !== undefined) params.set('dpd', String(query.minDaysPastDue));
  if (query.grade) params.set('grade', query.grade);
  if (query.minPd !== undefined) params.set('minPd', String(query.minPd));
  if (query.maxPd !== undefined) params.set('maxPd', String(query.maxPd));
  if (query.sort !== 'EAD') params.set('sort', query.sort);
  if (query.direction !== 'DESC') params.set('dir', query.direction.toLowerCase());
  if (query.pageSize !== DEFAULT_PAGE_SIZE) params.set('size', String(query.pageSize));
  if (query.after) params.set('after', query.after);
  if (query.before) params.set('before', query.before);
  return params;
}

function href(basePath: string, query: ExposureQuery): string {
  const search = toSearchParams(query).toString();
  return search ? `${basePath}?${search}` : basePath;
}

function firstPage(query: ExposureQuery): ExposureQuery {
  const { after: _after, before: _before, ...rest } = query;
  return rest;
}

/** Clicking a column header: sort by it (largest first for numbers), or flip the direction if it is already the sort. */
export function sortHref(basePath: string, query: ExposureQuery, field: ExposureSortField): string {
  const textual = field === 'EXTERNAL_ID' || field === 'OBLIGOR_NAME' || field === 'MATURITY_DATE';
  const direction: SortDirection = query.sort === field ? (query.direction === 'ASC' ? 'DESC' : 'ASC') : textual ? 'ASC' : 'DESC';
  return href(basePath, { ...firstPage(query), sort: field, direction });
}

export function nextPageHref(basePath: string, query: ExposureQuery, endCursor: string): string {
  return href(basePath, { ...firstPage(query), after: endCursor });
}

export function previousPageHref(basePath: string, query: ExposureQuery, startCursor: string): string {
  return href(basePath, { ...firstPage(query), before: startCursor });
}

/** A different page size starts again at the first page. */
export function pageSizeHref(basePath: string, query: ExposureQuery, pageSize: number): string {
  return href(basePath, { ...firstPage(query), pageSize });
}

export function firstPageHref(basePath: string, query: ExposureQuery): string {
  return href(basePath, firstPage(query));
}
