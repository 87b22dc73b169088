// Plain cursor paging for lists without filters of their own (portfolios), and the shared part of
// those with filters (audit log): `after`/`before` in the URL, `first`/`last` to the API.
import type { PageArgs } from '../api/documents/common.ts';

export type SearchParams = Record<string, string | string[] | undefined>;

const CURSOR = /^[A-Za-z0-9_\-=+/.:]{1,512}$/;

export function readParam(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  const first = (Array.isArray(value) ? value[0] : value)?.trim();
  return first ? first : undefined;
}

export interface CursorPage {
  variables: PageArgs;
  nextHref(basePath: string, endCursor: string, keep?: URLSearchParams): string;
  previousHref(basePath: string, startCursor: string, keep?: URLSearchParams): string;
}

export function cursorPage(params: SearchParams, pageSize: number): CursorPage {
  const after = readParam(params, 'after');
  const before = after ? undefined : readParam(params, 'before');
  const variables: PageArgs =
    before && CURSOR.test(before) ? { last: pageSize, before } : { first: pageSize, ...(after && CURSOR.test(after) ? { after } : {}) };
  const link = (basePath: string, key: 'after' | 'before', cursor: string, keep?: URLSearchParams) => {
    const search = new URLSearchParams(keep);
    search.delete('after');
    search.delete('before');
    search.set(key, cursor);
    return `${basePath}?${search.toString()}`;
  };
  return {
    variables,
    nextHref: (basePath, endCursor, keep) => link(basePath, 'after', endCursor, keep),
    previousHref: (basePath, startCursor, keep) => link(basePath, 'before', startCursor, keep),
  };
}
