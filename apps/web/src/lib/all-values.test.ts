import { describe, expect, it } from 'vitest';
import { allValues } from './all-values.ts';

type Colour = 'RED' | 'GREEN' | 'BLUE';

describe('allValues', () => {
  it('returns the list in the order given', () => {
    expect(allValues<Colour>()(['GREEN', 'RED', 'BLUE'])).toEqual(['GREEN', 'RED', 'BLUE']);
  });

  it('rejects, at compile time, a list that leaves a value out or names an unknown one', () => {
    // @ts-expect-error BLUE is missing
    const short = allValues<Colour>()(['GREEN', 'RED']);
    // @ts-expect-error PINK is not a Colour
    const wrong = allValues<Colour>()(['GREEN', 'RED', 'BLUE', 'PINK']);
    expect([short.length, wrong.length]).toEqual([2, 4]);
  });
});
