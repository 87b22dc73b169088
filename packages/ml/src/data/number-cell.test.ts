import { describe, expect, it } from 'vitest';
import { canonicalNumber, parseNumberCell } from './number-cell.ts';

describe('parseNumberCell', () => {
  it('reads plain, signed, fractional and Excel exponent numbers', () => {
    expect(parseNumberCell('1200')).toBe(1200);
    expect(parseNumberCell('-3.25')).toBe(-3.25);
    expect(parseNumberCell('+.5')).toBe(0.5);
    expect(parseNumberCell('5.00E+05')).toBe(500000);
    expect(parseNumberCell('1.2e-3')).toBeCloseTo(0.0012, 15);
  });

  it('rejects what Number() would wrongly accept', () => {
    for (const text of ['0x1F', 'Infinity', '1e', '.', '-', '1.2.3', '12abc', '1 000', '0b11']) {
      expect(parseNumberCell(text), text).toBeNaN();
    }
  });

  it('reads a decimal comma only when asked (semicolon files)', () => {
    expect(parseNumberCell('1,5')).toBeNaN();
    expect(parseNumberCell('1,5', true)).toBe(1.5);
  });

  it('gives one canonical level text per number', () => {
    expect(canonicalNumber(parseNumberCell('1.00E+00'))).toBe('1');
    expect(canonicalNumber(-0)).toBe('0');
  });
});
