import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from './delimiter.ts';

describe('sniffDelimiter', () => {
  it('finds comma, semicolon, tab and pipe', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n')).toBe(',');
    expect(sniffDelimiter('a;b;c\n1,5;2;3\n4;5,5;6\n')).toBe(';');
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(sniffDelimiter('a|b\n1|2\n')).toBe('|');
  });

  it('ignores delimiters inside quotes and handles a BOM and CRLF', () => {
    expect(sniffDelimiter('\ufeffname;note\r\n"Smith, J";"a, b, c"\r\n"Doe";"x"\r\n')).toBe(';');
  });
});
