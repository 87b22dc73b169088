// The batches' byte pool: an array given back is the one the next take of its size gets, a smaller
// free array is never handed out for a larger need, and arrays it did not make are not kept.
import { describe, expect, it } from 'vitest';
import { BytePool } from './byte-pool.ts';

describe('BytePool', () => {
  it('hands a given-back array to the next take that fits, rounding sizes up to a power of two (64 KiB at least)', () => {
    const pool = new BytePool(4);
    const a = pool.take(100_000);
    expect(a.byteLength).toBe(131_072);
    expect(pool.take(10).byteLength).toBe(65_536);
    pool.give(a);
    expect(pool.take(131_072)).toBe(a);
    // Taken again: not free until given back.
    expect(pool.take(131_072)).not.toBe(a);
  });

  it('takes the smallest free array that fits and never a smaller one', () => {
    const pool = new BytePool(4);
    const [small, large] = [pool.take(70_000), pool.take(300_000)];
    pool.give(large);
    pool.give(small);
    expect(pool.take(65_536)).toBe(small);
    expect(pool.take(200_000)).toBe(large);
    const fresh = pool.take(600_000);
    expect(fresh).not.toBe(large);
    expect(fresh.byteLength).toBe(1_048_576);
  });

  it('keeps at most `keep` arrays, ignores arrays of its own given twice and arrays it did not make', () => {
    const pool = new BytePool(1);
    const [a, b] = [pool.take(1), pool.take(1)];
    pool.give(a);
    pool.give(a);
    pool.give(b); // beyond keep: left to the collector
    pool.give(new ArrayBuffer(65_536));
    expect(pool.take(1)).toBe(a);
    const next = pool.take(1);
    expect(next).not.toBe(b);
    expect(next).not.toBe(a);
  });
});
