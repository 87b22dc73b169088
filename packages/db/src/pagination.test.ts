import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, resolvePage, toConnection } from './pagination.ts';

const id = (n: string) => `0190a000-0000-7000-8000-${n.padStart(12, '0')}`;

describe('cursor pagination', () => {
  it('round-trips cursors and rejects tampered ones', () => {
    const c = encodeCursor({ v: '1234.50', id: id('abc') });
    expect(decodeCursor(c, 'after')).toEqual({ v: '1234.50', id: id('abc') });
    expect(() => decodeCursor(encodeCursor({ v: null, id: "1' OR 1=1" }), 'after')).toThrow(/after: is not a valid cursor/);
    expect(() => decodeCursor('not-a-cursor', 'after')).toThrow(/after: is not a valid cursor/);
    expect(() => decodeCursor(Buffer.from('{"x":1}').toString('base64url'), 'before')).toThrow(/before/);
  });

  it('reads first/after and last/before, bounding page sizes', () => {
    expect(resolvePage({})).toEqual({ take: 51, size: 50, backward: false, cursor: null });
    expect(resolvePage({ last: 5 })).toEqual({ take: 6, size: 5, backward: true, cursor: null });
    expect(() => resolvePage({ first: 201 })).toThrow(/first: must be an integer between 0 and 200/);
    expect(() => resolvePage({ first: 1, last: 1 })).toThrow(/last: cannot be combined/);
  });

  it('trims the look-ahead row and reports the neighbours', () => {
    const rows = [{ id: id('a') }, { id: id('b') }, { id: id('c') }];
    const page = resolvePage({ first: 2 });
    const connection = toConnection(rows, page, (r) => ({ v: null, id: r.id }), 10);
    expect(connection.nodes.map((r) => r.id)).toEqual([id('a'), id('b')]);
    expect(connection.pageInfo).toEqual(expect.objectContaining({ hasNextPage: true, hasPreviousPage: false }));
    const back = toConnection(
      [{ id: id('c') }, { id: id('b') }],
      resolvePage({ last: 2, before: encodeCursor({ v: null, id: id('d') }) }),
      (r) => ({ v: null, id: r.id }),
      10,
    );
    expect(back.nodes.map((r) => r.id)).toEqual([id('b'), id('c')]);
    expect(back.pageInfo).toEqual(expect.objectContaining({ hasNextPage: true, hasPreviousPage: false }));
  });
});
