import { describe, expect, it } from 'vitest';
import { backtestFigures } from './backtest.ts';

describe('backtestFigures', () => {
  it('gives the AUC, defaults and grade tests of a hand case', () => {
    // Defaults at PD 0.35 and 0.8, non-defaults at 0.1 and 0.4: 3 of the 4 pairs ranked right.
    const f = backtestFigures(
      [0, 0, 1, 1],
      [0.1, 0.4, 0.35, 0.8],
      [
        { grade: 'A', maxPd: 0.2 },
        { grade: 'B', maxPd: 0.5 },
        { grade: 'C', maxPd: 1 },
      ],
    );
    expect(f).toMatchObject({ exposures: 4, defaults: 2 });
    expect(f.meanPd).toBeCloseTo(0.4125, 12);
    expect(f.auc!.value).toBeCloseTo(0.75, 12);
    expect(f.byGrade.map((g) => [g.grade, g.count, g.defaults])).toEqual([
      ['A', 1, 0],
      ['B', 2, 1],
      ['C', 1, 1],
    ]);
    // Grade B: 2 exposures at mean PD 0.375, 1 default: P(X >= 1) = 1 - (1 - 0.375)^2.
    const b = f.byGrade[1]!;
    expect(b.meanPd).toBeCloseTo(0.375, 12);
    expect(b.binomialPValue).toBeCloseTo(1 - 0.625 ** 2, 10);
    expect(b.binomialReject).toBe(false);
    // Grade A: no default: P(X >= 0) = 1.
    expect(f.byGrade[0]!.binomialPValue).toBeCloseTo(1, 12);
  });

  it('rejects a grade with far more defaults than its PD', () => {
    const pd = Array.from({ length: 200 }, () => 0.01);
    const defaulted = pd.map((_, i) => (i < 10 ? 1 : 0));
    const f = backtestFigures(defaulted, pd);
    // 10 defaults where 2 are expected: P(X >= 10 | n 200, p 1%) is about 4.5e-5.
    expect(f.byGrade).toHaveLength(1);
    expect(f.byGrade[0]!.binomialPValue).toBeLessThan(1e-4);
    expect(f.byGrade[0]!.binomialReject).toBe(true);
  });

  it('has no AUC until both outcomes are observed', () => {
    expect(backtestFigures([0, 0], [0.1, 0.2]).auc).toBeNull();
    expect(backtestFigures([], [])).toMatchObject({ exposures: 0, defaults: 0, meanPd: null, auc: null, byGrade: [] });
  });
});
