// A batch's figures per grade, as SQL's sum(numeric) would give them: exact cents whatever the size of
// the EADs (the plain-number fast path and the BigInt one agree), and each score matched to its own
// exposure's EAD and LGD by its row in the read, whether the scores follow the read's order or not.
import { describe, expect, it } from 'vitest';
import { gradeSumsOf } from './batch-grade-sums.ts';

/** Scores column-wise, as a batch's scorer returns them. */
const scores = (pd: number[], grade: string[]) => ({ count: pd.length, pd: Float64Array.from(pd), grade });

describe('gradeSumsOf', () => {
  it('sums EADs exactly, small and past 2^53 cents alike', () => {
    const money = {
      ead: ['0.10', '0.20', '-3.05', '9999999999999999.99', '9999999999999.99'],
      lgd: [0.5, 0.5, 0.5, 0.4, 0.4],
    };
    const sums = gradeSumsOf(scores([0.1, 0.2, 0.3, 0.5, 0.5], ['A', 'A', 'A', 'B', 'B']), [0, 1, 2, 3, 4], money);
    expect(sums.A![0]).toBe(3);
    expect(sums.A![1]).toBe('-2.75');
    expect(sums.A![2]).toBe(0.1 * 0.1 + 0.2 * 0.2 + 0.3 * -3.05);
    expect(sums.B![1]).toBe('10009999999999999.98');
    // Many mid-sized EADs: the number sum moves into the BigInt before it could round.
    const n = 2000;
    const rows = Array.from({ length: n }, (_, i) => i);
    const big = gradeSumsOf(
      scores(
        rows.map(() => 0.01),
        rows.map(() => 'C'),
      ),
      rows,
      { ead: rows.map(() => '9999999999999.99'), lgd: rows.map(() => 1) },
    );
    expect(big.C![1]).toBe((9999999999999_99n * BigInt(n)).toString().replace(/(\d\d)$/, '.$1'));
  });

  it("matches each score to its own row's EAD and LGD, in the read order or not, and skips NaN PDs", () => {
    const money = { ead: ['100.00', '200.00', '300.00'], lgd: [0.1, 0.2, 0.3] };
    const inOrder = gradeSumsOf(scores([0.5, 0.5], ['A', 'A']), [0, 2], money);
    const shuffled = gradeSumsOf(scores([0.5, 0.5, Number.NaN], ['A', 'A', 'A']), [2, 0, 1], money);
    expect(inOrder.A).toEqual([2, '400.00', 200, 0.5 * 0.1 * 100 + 0.5 * 0.3 * 300, 0.5, 0.5]);
    expect(shuffled.A![1]).toBe('400.00');
    expect(shuffled.A![0]).toBe(2);
    expect(shuffled.A![3]).toBe(0.5 * 0.3 * 300 + 0.5 * 0.1 * 100);
    expect(() => gradeSumsOf(scores([0.5], ['A']), [3], money)).toThrow(/score 0 names read row 3/);
  });
});
