import { describe, expect, it } from 'vitest';
import { matchesFirstPays, scaledInteger, sortKeyOf } from './exposure-query.ts';

describe('scaledInteger', () => {
  it('is the integer of the smallest unit, exactly, for every scale up to the given one', () => {
    expect(scaledInteger('0', 2, 2n ** 63n)).toBe(0n);
    expect(scaledInteger('12.5', 2, 2n ** 63n)).toBe(1250n);
    expect(scaledInteger('12.50', 2, 2n ** 63n)).toBe(1250n);
    expect(scaledInteger('0.07', 2, 2n ** 63n)).toBe(7n);
    // Beyond a double's exact integers: string arithmetic, no rounding.
    expect(scaledInteger('9999999999999999.99', 2, 2n ** 63n)).toBe(999999999999999999n);
    expect(scaledInteger('0.4523', 4, 2n ** 31n)).toBe(4523n);
    expect(scaledInteger('1', 4, 2n ** 31n)).toBe(10000n);
  });

  it('refuses more places than the scale, a value reaching the limit, and anything not a plain decimal', () => {
    expect(scaledInteger('1.005', 2, 2n ** 63n)).toBeNull();
    expect(scaledInteger('1.0050', 2, 2n ** 63n)).toBeNull();
    expect(scaledInteger('1.000', 2, 2n ** 63n)).toBe(100n);
    expect(scaledInteger('214748.3648', 4, 2n ** 31n)).toBeNull();
    expect(scaledInteger('214748.3647', 4, 2n ** 31n)).toBe(2147483647n);
    expect(scaledInteger('-1', 2, 2n ** 63n)).toBeNull();
    expect(scaledInteger('1e3', 2, 2n ** 63n)).toBeNull();
  });
});

describe('decimal sort keys', () => {
  it('order by the integer expression the index declares, and a cursor becomes that integer', () => {
    const ead = sortKeyOf('EAD');
    expect(ead.sql.sql).toBe('((e.ead * 100)::bigint)');
    expect(ead.param('1234.5')?.values).toEqual(['123450']);
    expect(ead.param('1234.5')?.sql).toBe('?::bigint');
    expect(sortKeyOf('LIMIT').sql.sql).toBe('((e."limit" * 100)::bigint)');
    const lgd = sortKeyOf('LGD');
    expect(lgd.sql.sql).toBe('((e.lgd * 10000)::int)');
    expect(lgd.param('0.45')?.values).toEqual(['4500']);
    // A tampered cursor: too many places, or an LGD beyond int, is refused (null), not rounded.
    expect(ead.param('1.001')).toBeNull();
    expect(lgd.param('9999999999999999')).toBeNull();
    expect(ead.param(12)).toBeNull();
  });
});

describe('matchesFirstPays', () => {
  it('finds the matches first below sqrt(portfolio x page) of them, and walks the sort index above', () => {
    // 5,000,000 exposures, a page of 25 (26 rows read): the point is at 11,401.8 matches.
    expect(matchesFirstPays(3_380, 5_000_000, 26)).toBe(true);
    expect(matchesFirstPays(11_401, 5_000_000, 26)).toBe(true);
    expect(matchesFirstPays(11_402, 5_000_000, 26)).toBe(false);
    expect(matchesFirstPays(23_000, 5_000_000, 26)).toBe(false);
    // A million: 5,099; a longer page moves the point up.
    expect(matchesFirstPays(5_000, 1_000_000, 26)).toBe(true);
    expect(matchesFirstPays(6_000, 1_000_000, 26)).toBe(false);
    expect(matchesFirstPays(6_000, 1_000_000, 101)).toBe(true);
  });
});
