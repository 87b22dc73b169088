import { describe, expect, it } from 'vitest';
import { columnList } from './column-list.ts';

describe('columnList', () => {
  it('names every column of a narrow file', () => {
    expect(columnList(['a', 'b', 'c'])).toBe('a, b, c');
  });

  it('names the first ones of a wide file and counts the rest', () => {
    const names = Array.from({ length: 3001 }, (_, i) => `attr_${i}`);
    const text = columnList(names);
    expect(text.startsWith('attr_0, attr_1, ')).toBe(true);
    expect(text).toContain('attr_19 … and 2981 more');
    expect(text).not.toContain('attr_20,');
  });
});
