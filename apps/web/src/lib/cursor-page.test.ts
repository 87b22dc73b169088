import { describe, expect, it } from 'vitest';
import { cursorPage } from './cursor-page.ts';

describe('cursorPage', () => {
  it('starts at the first page', () => {
    expect(cursorPage({}, 25).variables).toEqual({ first: 25 });
  });
  it('pages forward and backward', () => {
    expect(cursorPage({ after: 'abc' }, 10).variables).toEqual({ first: 10, after: 'abc' });
    expect(cursorPage({ before: 'abc' }, 10).variables).toEqual({ last: 10, before: 'abc' });
  });
  it('ignores cursors that cannot be ours', () => {
    expect(cursorPage({ after: 'a b<script>' }, 10).variables).toEqual({ first: 10 });
  });
  it('builds links that keep other parameters and replace the cursor', () => {
    const page = cursorPage({ after: 'old' }, 10);
    expect(page.nextHref('/audit', 'c2', new URLSearchParams({ action: 'exposure.update', after: 'old' }))).toBe(
      '/audit?action=exposure.update&after=c2',
    );
    expect(page.previousHref('/audit', 'c1')).toBe('/audit?before=c1');
  });
  it('gives the pager a link only to a side that has a page and a cursor', () => {
    const page = cursorPage({}, 10);
    expect(page.links('/portfolios', { hasPreviousPage: false, hasNextPage: true, startCursor: 'c1', endCursor: 'c9' })).toEqual({
      previousHref: null,
      nextHref: '/portfolios?after=c9',
    });
    expect(
      page.links(
        '/audit',
        { hasPreviousPage: true, hasNextPage: true, startCursor: 'c1', endCursor: null },
        new URLSearchParams({ action: 'a' }),
      ),
    ).toEqual({
      previousHref: '/audit?action=a&before=c1',
      nextHref: null,
    });
  });
});
