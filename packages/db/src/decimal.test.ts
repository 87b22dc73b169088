import { describe, expect, it } from 'vitest';
import { FRACTION, MONEY, fixed, money, parseDecimal, ratio } from './decimal.ts';

describe('decimal parsing', () => {
  it('keeps exact values', () => {
    expect(
      parseDecimal('ead', '0.10', MONEY)
        .plus(parseDecimal('ead', '0.20', MONEY))
        .toFixed(2),
    ).toBe('0.30');
    expect(parseDecimal('lgd', '0.4525', FRACTION).toString()).toBe('0.4525');
  });

  it('names the field and the rule broken', () => {
    expect(() => parseDecimal('input.ead', '1e5', MONEY)).toThrow(/input.ead: "1e5" is not a decimal number/);
    expect(() => parseDecimal('input.lgd', '0.12345', FRACTION)).toThrow(/input.lgd: at most 4 decimal places/);
    expect(() => parseDecimal('input.lgd', '1.01', FRACTION)).toThrow(/input.lgd: must be at most 1/);
  });
});

describe('decimal output', () => {
  it('writes money with two places and ratios with six, rounded half-even', () => {
    expect(money('1000')).toBe('1000.00');
    expect(money(parseDecimal('ead', '0.5', MONEY))).toBe('0.50');
    expect(fixed('0.45', 4)).toBe('0.4500');
    expect(ratio('1', '3')).toBe('0.333333');
    expect(ratio('2', '3')).toBe('0.666667');
    // Half-even at the seventh place: ...5 rounds to the even neighbour.
    expect(ratio('0.0000125', '1')).toBe('0.000012');
    expect(ratio('0.0000135', '1')).toBe('0.000014');
    expect(ratio('150.00', '100.00')).toBe('1.500000');
  });

  it('keeps every digit of large quotients and answers null for a zero whole', () => {
    expect(ratio('12345678901234567.89', '0.01')).toBe('1234567890123456789.000000');
    expect(ratio('10.00', '0')).toBeNull();
    expect(ratio('0', '0.00')).toBeNull();
  });
});
