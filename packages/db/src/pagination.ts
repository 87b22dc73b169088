// Cursor (keyset) pagination: a cursor encodes the sort value and id of a row, so pages stay stable
// while rows are inserted and no OFFSET scan is needed.
import { InputError } from './errors.ts';
import { isUuid } from './ids.ts';

export const MAX_PAGE_SIZE = 200;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  nodes: T[];
  cursors: string[];
  pageInfo: PageInfo;
  totalCount: number;
  /** True when totalCount is the query planner's estimate (a large filtered set): show it as "about". */
  totalCountIsEstimate?: boolean;
}

export interface CursorValue {
  /** The sort key's value (string, number or null), serialised. */
  v: string | number | null;
  id: string;
}

export function encodeCursor(value: CursorValue): string {
  return Buffer.from(JSON.stringify([value.v, value.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field: string): CursorValue {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Row ids are UUIDs: anything else is a tampered cursor, refused here rather than by a SQL cast.
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [v, id] = parsed as unknown[];
      if (typeof id === 'string' && isUuid(id) && (v === null || typeof v === 'string' || typeof v === 'number')) return { v, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError(field, 'is not a valid cursor');
}

export interface ResolvedPage {
  /** Rows to fetch: the page size plus one to learn whether another page exists. */
  take: number;
  size: number;
  /** True when paging backwards (last/before): fetch in reverse order, then flip. */
  backward: boolean;
  cursor: CursorValue | null;
}

export function resolvePage(args: PageArgs, defaultSize = 50, maxSize = MAX_PAGE_SIZE): ResolvedPage {
  if (args.first != null && args.last != null) throw new InputError('last', 'cannot be combined with first');
  const backward = args.last != null || (args.before != null && args.first == null);
  const size = (backward ? args.last : args.first) ?? defaultSize;
  const sizeField = backward ? 'last' : 'first';
  if (!Number.isInteger(size) || size < 0 || size > maxSize) {
    throw new InputError(sizeField, `must be an integer between 0 and ${maxSize}`);
  }
  const raw = backward ? args.before : args.after;
  return { take: size + 1, size, backward, cursor: raw ? decodeCursor(raw, backward ? 'before' : 'after') : null };
}

/** Turns the rows fetched for a page (size + 1 at most, in fetch order) into a connection. */
export function toConnection<T>(rows: T[], page: ResolvedPage, cursorOf: (row: T) => CursorValue, totalCount: number): Connection<T> {
  const hasMore = rows.length > page.size;
  const pageRows = rows.slice(0, page.size);
  if (page.backward) pageRows.reverse();
  const cursors = pageRows.map((row) => encodeCursor(cursorOf(row)));
  return {
    nodes: pageRows,
    cursors,
    totalCount,
    pageInfo: {
      hasNextPage: page.backward ? page.cursor !== null : hasMore,
      hasPreviousPage: page.backward ? hasMore : page.cursor !== null,
      startCursor: cursors[0] ?? null,
      endCursor: cursors.at(-1) ?? null,
    },
  };
}

/** The same page with each node converted (rows fetched for their cursors -> domain objects). */
export function mapNodes<T, U>(connection: Connection<T>, convert: (node: T) => U): Connection<U> {
  return { ...connection, nodes: connection.nodes.map(convert) };
}

/**
 * Keyset paging for lists ordered by creation time (ties broken by id): the cursor holds the row's
 * created_at, so the order survives ids that are not time-ordered (rows written by SQL seeds).
 */
export function creationOrder(page: ResolvedPage, order: 'asc' | 'desc') {
  const forward = order === 'asc' ? 'asc' : 'desc';
  const dir: 'asc' | 'desc' = page.backward ? (forward === 'asc' ? 'desc' : 'asc') : forward;
  const cursor = page.cursor;
  let where: { OR: ({ createdAt: { gt: Date } | { lt: Date } } | { createdAt: Date; id: { gt: string } | { lt: string } })[] } | object =
    {};
  if (cursor) {
    // Only what cursorOf writes: an ISO instant PostgreSQL can store (it has no year 0000).
    if (
      typeof cursor.v !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(cursor.v) ||
      Number.isNaN(Date.parse(cursor.v)) ||
      cursor.v < '1900'
    ) {
      throw new InputError(page.backward ? 'before' : 'after', 'is not a valid cursor');
    }
    const at = new Date(cursor.v);
    where =
      dir === 'asc'
        ? { OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: cursor.id } }] }
        : { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: cursor.id } }] };
  }
  return {
    where,
    orderBy: [{ createdAt: dir }, { id: dir }],
    cursorOf: (row: { createdAt: Date; id: string }): CursorValue => ({ v: row.createdAt.toISOString(), id: row.id }),
  };
}
