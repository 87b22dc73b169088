import { describe, expect, it } from 'vitest';
import { searchConditions, searchWords } from './exposure-search.ts';

/** The patterns a search's conditions give the index (ILIKE), and whether the whole search is checked apart (strpos). */
function shape(search: string, common: string[]) {
  const conditions = searchConditions(search, new Set(common));
  return {
    index: conditions.filter((c) => c.sql.includes('ILIKE')).map((c) => c.values[0]),
    checked: conditions.some((c) => c.sql.includes('strpos')),
  };
}

describe('exposure search words', () => {
  it('splits as pg_trgm does (letters and digits), each word once whatever its case, spelled as given', () => {
    expect(searchWords('ACME-2024-0042 acme Müller_7')).toEqual(['ACME', '2024', '0042', 'Müller', '7']);
    expect(searchWords('--')).toEqual([]);
  });

  it('asks the index for the other words and checks the whole search apart', () => {
    expect(shape('ACME-2024-0042', ['acme', '2024'])).toEqual({ index: ['%0042%'], checked: true });
    expect(shape('Dubois Sophie 549999', [])).toEqual({ index: ['%Dubois%', '%Sophie%', '%549999%'], checked: true });
    expect(shape('500%_off', [])).toEqual({ index: ['%500%', '%off%'], checked: true }); // pattern characters: in the check only
    expect(shape('100%', [])).toEqual({ index: ['%100%'], checked: true });
  });

  it('gives the whole search to the index when splitting asks for nothing more', () => {
    expect(shape('0042', [])).toEqual({ index: ['%0042%'], checked: false }); // one word
    expect(shape('ACME-2024', ['acme', '2024'])).toEqual({ index: ['%ACME-2024%'], checked: false }); // all common
    expect(shape('ACME-SC-7', ['acme'])).toEqual({ index: ['%ACME-SC-7%'], checked: false }); // short words left
    expect(shape('50%_off', [])).toEqual({ index: ['%50\\%\\_off%'], checked: false }); // a short word
  });
});
