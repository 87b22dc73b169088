import { describe, expect, it } from 'vitest';
import { FRACTION, MONEY, parseDecimal } from './decimal.ts';

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
