// A batch's figures per grade, as SQL's sum(numeric) would give them: exact cents whatever the size of
// the EADs (the plain-number fast path and the BigInt one agree), and each score matched to its own
// exposure's EAD and LGD whether the scores come in the read's order or not.
import { describe, expect, it } from 'vitest';
import type { ScoreToWrite } from '../domain/scoring.ts';
import { gradeSumsOf } from './batch-grade-sums.ts';

const score = (exposureId: string, pd: number, grade: string): ScoreToWrite => ({
  exposureId,
  obligorId: 'o',
  inputHash: '00',
  pd,
  grade,
  reasonCodes: [],
  reasonValues: [],
});

describe('gradeSumsOf', () => {
  it('sums EADs exactly, small and past 2^53 cents alike', () => {
    const money = {
      ids: ['a', 'b', 'c', 'd', 'e'],
      ead: ['0.10', '0.20', '-3.05', '9999999999999999.99', '9999999999999.99'],
      lgd: [0.5, 0.5, 0.5, 0.4, 0.4],
    };
    const sums = gradeSumsOf(
      [score('a', 0.1, 'A'), score('b', 0.2, 'A'), score('c', 0.3, 'A'), score('d', 0.5, 'B'), score('e', 0.5, 'B')],
      money,
    );
    expect(sums.A![0]).toBe(3);
    expect(sums.A![1]).toBe('-2.75');
    expect(sums.A![2]).toBe(0.1 * 0.1 + 0.2 * 0.2 + 0.3 * -3.05);
    expect(sums.B![1]).toBe('10009999999999999.98');
    // Many mid-sized EADs: the number sum moves into the BigInt before it could round.
    const n = 2000;
    const ids = Array.from({ length: n }, (_, i) => `x${i}`);
    const big = gradeSumsOf(
      ids.map((id) => score(id, 0.01, 'C')),
      { ids, ead: ids.map(() => '9999999999999.99'), lgd: ids.map(() => 1) },
    );
    expect(big.C![1]).toBe((9999999999999_99n * BigInt(n)).toString().replace(/(\d\d)$/, '.$1'));
  });

  it('matches each score to its own exposure, in the read order or not, and skips NaN PDs', () => {
    const money = { ids: ['a', 'b', 'c'], ead: ['100.00', '200.00', '300.00'], lgd: [0.1, 0.2, 0.3] };
    const inOrder = gradeSumsOf([score('a', 0.5, 'A'), score('c', 0.5, 'A')], money);
    const shuffled = gradeSumsOf([score('c', 0.5, 'A'), score('a', 0.5, 'A'), score('b', Number.NaN, 'A')], money);
    expect(inOrder.A).toEqual([2, '400.00', 200, 0.5 * 0.1 * 100 + 0.5 * 0.3 * 300, 0.5, 0.5]);
    expect(shuffled.A![1]).toBe('400.00');
    expect(shuffled.A![0]).toBe(2);
    expect(() => gradeSumsOf([score('z', 0.5, 'A')], money)).toThrow(/no EAD read for exposure z/);
  });
});
