import { describe, expect, it } from 'vitest';
import { uuidV7Sequence } from './uuid-v7.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV7Sequence', () => {
  it('makes version-7 UUIDs that carry the time and sort in the order they are made', () => {
    const now = Date.UTC(2026, 10, 30, 12);
    const next = uuidV7Sequence(now);
    const ids = Array.from({ length: 70_000 }, next); // past 65,536: the counter crosses a digit group
    expect(ids.every((id) => V7.test(id))).toBe(true);
    expect(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives two sequences started in the same millisecond different ids', () => {
    const now = Date.now();
    const [a, b] = [uuidV7Sequence(now), uuidV7Sequence(now)];
    expect(a()).not.toBe(b());
  });
});
