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

/** What a connection says about the pages around the one shown. */
export interface PageInfoLike {
  hasPreviousPage: boolean;
  hasNextPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

export interface CursorPage {
  variables: PageArgs;
  nextHref(basePath: string, endCursor: string, keep?: URLSearchParams): string;
  previousHref(basePath: string, startCursor: string, keep?: URLSearchParams): string;
  /** The pager's links for a page of results: null where there is no page on that side. */
  links(basePath: string, pageInfo: PageInfoLike, keep?: URLSearchParams): { previousHref: string | null; nextHref: string | null };
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
    links: (basePath, pageInfo, keep) => ({
      previousHref: pageInfo.hasPreviousPage && pageInfo.startCursor ? link(basePath, 'before', pageInfo.startCursor, keep) : null,
      nextHref: pageInfo.hasNextPage && pageInfo.endCursor ? link(basePath, 'after', pageInfo.endCursor, keep) : null,
    }),
  };
}
