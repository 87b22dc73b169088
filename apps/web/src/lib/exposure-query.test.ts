import { describe, expect, it } from 'vitest';
import {
  exposureFilter,
  exposureVariables,
  nextPageHref,
  pageSizeHref,
  parseExposureQuery,
  previousPageHref,
  sortHref,
  toSearchParams,
} from './exposure-query.ts';

const base = '/portfolios/p1/exposures';

describe('parseExposureQuery', () => {
  it('defaults to the largest exposures first, 25 a page', () => {
    const query = parseExposureQuery({});
    expect(query).toEqual({ sort: 'EAD', direction: 'DESC', pageSize: 25 });
    expect(exposureVariables('p1', query)).toEqual({ id: 'p1', first: 25, filter: {}, orderBy: { field: 'EAD', direction: 'DESC' } });
  });

  it('reads filters, sort and page size, normalising case', () => {
    const query = parseExposureQuery({
      q: ' acme ',
      segment: 'sme',
      status: 'watchlist',
      country: 'de',
      sector: 'Energy',
      minEad: '1000.50',
      dpd: '30',
      sort: 'obligor_name',
      dir: 'asc',
      size: '50',
    });
    expect(exposureVariables('p1', query)).toEqual({
      id: 'p1',
      first: 50,
      filter: {
        search: 'acme',
        segment: 'SME',
        status: 'WATCHLIST',
        country: 'DE',
        sector: 'Energy',
        minEad: '1000.50',
        minDaysPastDue: 30,
      },
      orderBy: { field: 'OBLIGOR_NAME', direction: 'ASC' },
    });
  });

  it('drops values the API would reject instead of sending them', () => {
    const query = parseExposureQuery({
      segment: 'BANKS',
      status: 'x',
      country: 'Germany',
      minEad: '1e9',
      maxEad: '-5',
      dpd: '-3',
      sort: 'DROP TABLE',
      size: '1000',
    });
    expect(exposureVariables('p1', query)).toEqual({ id: 'p1', first: 25, filter: {}, orderBy: { field: 'EAD', direction: 'DESC' } });
  });

  it('pages backwards with last/before, and prefers after when both are present', () => {
    expect(exposureVariables('p1', parseExposureQuery({ before: 'c9', size: '10' }))).toMatchObject({ last: 10, before: 'c9' });
    const both = exposureVariables('p1', parseExposureQuery({ before: 'c9', after: 'c3' }));
    expect(both).toMatchObject({ first: 25, after: 'c3' });
    expect(both).not.toHaveProperty('before');
  });

  it('takes the first value of a repeated parameter', () => {
    expect(parseExposureQuery({ q: ['one', 'two'] }).search).toBe('one');
  });
});

describe('links', () => {
  const query = parseExposureQuery({ q: 'acme', sort: 'EAD', after: 'c3' });

  it('sorting goes back to the first page and flips the direction of the current column', () => {
    expect(sortHref(base, query, 'EAD')).toBe(`${base}?q=acme&dir=asc`);
    expect(sortHref(base, query, 'OBLIGOR_NAME')).toBe(`${base}?q=acme&sort=OBLIGOR_NAME&dir=asc`);
    expect(sortHref(base, query, 'DAYS_PAST_DUE')).toBe(`${base}?q=acme&sort=DAYS_PAST_DUE`);
  });

  it('next and previous keep the filters and replace the cursor', () => {
    expect(nextPageHref(base, query, 'c8')).toBe(`${base}?q=acme&after=c8`);
    expect(previousPageHref(base, query, 'c4')).toBe(`${base}?q=acme&before=c4`);
  });

  it('changing the page size keeps filters and sort but restarts at the first page', () => {
    expect(pageSizeHref(base, query, 100)).toBe(`${base}?q=acme&size=100`);
    expect(pageSizeHref(base, query, 25)).toBe(`${base}?q=acme`);
  });

  it('round-trips through search params', () => {
    const original = parseExposureQuery({ q: 'x', segment: 'RETAIL', size: '100', dir: 'asc', sort: 'LGD', before: 'c1' });
    const again = parseExposureQuery(Object.fromEntries(toSearchParams(original)));
    expect(again).toEqual(original);
  });
});

describe('PD and grade', () => {
  it('reads the grade and PD bounds in percent, sends PDs as fractions, and sorts by PD', () => {
    const query = parseExposureQuery({ grade: 'BB', minPd: '2.5', maxPd: '10', sort: 'pd', dir: 'asc' });
    expect(query).toMatchObject({ grade: 'BB', minPd: 2.5, maxPd: 10, sort: 'PD', direction: 'ASC' });
    expect(exposureFilter(query)).toEqual({ grade: 'BB', minPd: 0.025, maxPd: 0.1 });
    expect(parseExposureQuery(Object.fromEntries(toSearchParams(query)))).toEqual(query);
  });

  it('drops PD bounds outside 0 to 100 percent or not numbers', () => {
    const query = parseExposureQuery({ minPd: '101', maxPd: '-1' });
    expect(query.minPd).toBeUndefined();
    expect(query.maxPd).toBeUndefined();
    expect(parseExposureQuery({ minPd: '1e3' }).minPd).toBeUndefined();
  });
});
