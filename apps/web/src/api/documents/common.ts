// Shapes shared by several documents. Decimals arrive as strings (exact money), dates as ISO strings.
export type Decimal = string;
export type DateTime = string;
/** YYYY-MM-DD */
export type DateOnly = string;

export type Role = 'ADMIN' | 'RISK_OFFICER' | 'ANALYST' | 'VIEWER';
export type Segment = 'RETAIL' | 'SME' | 'CORPORATE';
export type ExposureStatus = 'PERFORMING' | 'WATCHLIST' | 'DEFAULTED' | 'CLOSED';
export type SortDirection = 'ASC' | 'DESC';

export const SEGMENTS: readonly Segment[] = ['RETAIL', 'SME', 'CORPORATE'];
export const EXPOSURE_STATUSES: readonly ExposureStatus[] = ['PERFORMING', 'WATCHLIST', 'DEFAULTED', 'CLOSED'];

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export const PAGE_INFO_FIELDS = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/** Cursor arguments: forward (first/after) or backward (last/before). */
export interface PageArgs {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}
